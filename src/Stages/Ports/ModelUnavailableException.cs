namespace RlaifV.Stages.Ports;

/// <summary>
/// A model backend cannot be reached at all (a server down or its circuit open past the backend's outage budget). This
/// is no item's fault: the stage does not dead-letter anything, it stops the run with this message, which names the
/// server and the model.
/// </summary>
public sealed class ModelUnavailableException : Exception
{
    /// <inheritdoc />
    public ModelUnavailableException() { }

    /// <inheritdoc />
    public ModelUnavailableException(string message) : base(message) { }

    /// <inheritdoc />
    public ModelUnavailableException(string message, Exception innerException) : base(message, innerException) { }
}
