namespace RlaifV.Stages.Flow;

/// <summary>A fatal stage error with its context: which stage, which message key, and the cause.</summary>
public sealed class StageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StageException(string stage, string? key, Exception inner)
        : base($"stage '{stage}' failed{(key is null ? string.Empty : $" on '{key}'")}: {inner.Message}", inner)
    {
        Stage = stage;
        Key = key;
    }

    /// <summary>Creates the exception without an inner cause.</summary>
    public StageException(string stage, string? key, string message)
        : base($"stage '{stage}' failed{(key is null ? string.Empty : $" on '{key}'")}: {message}")
    {
        Stage = stage;
        Key = key;
    }

    /// <summary>The stage.</summary>
    public string Stage { get; } = string.Empty;

    /// <summary>The message key being processed, when known.</summary>
    public string? Key { get; }

    /// <inheritdoc />
    public StageException() { }

    /// <inheritdoc />
    public StageException(string message) : base(message) { }

    /// <inheritdoc />
    public StageException(string message, Exception innerException) : base(message, innerException) { }
}
