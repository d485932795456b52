namespace RlaifV.Remote;

/// <summary>A model server out of reach for now (no connection, circuit open, persistent 429): retried while the outage budget lasts.</summary>
internal sealed class ServerUnreachableException : Exception
{
    public ServerUnreachableException() { }

    public ServerUnreachableException(string message) : base(message) { }

    public ServerUnreachableException(string message, Exception innerException) : base(message, innerException) { }
}
