namespace RlaifV.Stages.Ports;

/// <summary>
/// A model could not answer one input: a server refused it (HTTP 4xx), its answer for it was unusable (malformed, no
/// log-probs, a list that does not match the claims), or it timed out on it after every retry. The stage dead-letters
/// that item with <see cref="Reason"/> and goes on; the message names the model (and server) and says why.
/// </summary>
public sealed class ModelItemException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reason">The dead letter's reason code (<see cref="Schemas.DeadLetterReasons"/>).</param>
    /// <param name="message">What went wrong, naming the model.</param>
    /// <param name="inner">The cause, when there is one.</param>
    public ModelItemException(string reason, string message, Exception? inner = null)
        : base(message, inner) => Reason = reason;

    /// <inheritdoc />
    public ModelItemException() => Reason = Schemas.DeadLetterReasons.ModelError;

    /// <inheritdoc />
    public ModelItemException(string message) : base(message) => Reason = Schemas.DeadLetterReasons.ModelError;

    /// <inheritdoc />
    public ModelItemException(string message, Exception innerException) : base(message, innerException) => Reason = Schemas.DeadLetterReasons.ModelError;

    /// <summary>The dead letter's reason code.</summary>
    public string Reason { get; }
}
