namespace RlaifV.Stages.Ports;

/// <summary>
/// What a port throws when one input is at fault, not the model or the code: bad data that slipped past ingest, an input
/// over the model's context, a model server refusing that input (HTTP 4xx), timing out on it after every retry, or answering it unusably (malformed, no log-probs, a list that does not match the claims). The stage dead-letters the item with
/// <see cref="Reason"/> and goes on. Any other exception (out of memory, a native libtorch/CUDA error, a null reference,
/// a bug) is a system error: the stage stops the run at once with its name, the item's key and the cause.
/// </summary>
public sealed class InputRejectedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reason">A <see cref="Schemas.DeadLetterReasons"/> code.</param>
    /// <param name="message">What is wrong with the input.</param>
    public InputRejectedException(string reason, string message)
        : base(message) => Reason = reason;

    /// <summary>Creates the exception with a cause.</summary>
    /// <param name="reason">A <see cref="Schemas.DeadLetterReasons"/> code.</param>
    /// <param name="message">What is wrong with the input, naming the model or server where one answered.</param>
    /// <param name="inner">The cause.</param>
    public InputRejectedException(string reason, string message, Exception? inner)
        : base(message, inner) => Reason = reason;

    /// <summary>Creates the exception with reason <c>model_error</c>.</summary>
    public InputRejectedException()
        : this(Schemas.DeadLetterReasons.ModelError, "the model refused the input")
    {
    }

    /// <summary>Creates the exception with reason <c>model_error</c>.</summary>
    public InputRejectedException(string message)
        : this(Schemas.DeadLetterReasons.ModelError, message)
    {
    }

    /// <summary>Creates the exception with reason <c>model_error</c> and a cause.</summary>
    public InputRejectedException(string message, Exception innerException)
        : base(message, innerException) => Reason = Schemas.DeadLetterReasons.ModelError;

    /// <summary>The dead-letter reason code.</summary>
    public string Reason { get; } = Schemas.DeadLetterReasons.ModelError;
}
