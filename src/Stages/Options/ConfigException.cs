namespace RlaifV.Stages.Options;

/// <summary>Configuration that cannot run: every problem found, each naming its key, value and what is allowed.</summary>
public sealed class ConfigException : Exception
{
    /// <summary>Creates the exception from a list of problems.</summary>
    public ConfigException(IReadOnlyList<string> problems)
        : base("invalid configuration:\n  " + string.Join("\n  ", problems)) => Problems = problems;

    /// <summary>The problems, one line each.</summary>
    public IReadOnlyList<string> Problems { get; } = [];

    /// <inheritdoc />
    public ConfigException() { }

    /// <inheritdoc />
    public ConfigException(string message) : base(message) => Problems = [message];

    /// <inheritdoc />
    public ConfigException(string message, Exception innerException) : base(message, innerException) => Problems = [message];
}
