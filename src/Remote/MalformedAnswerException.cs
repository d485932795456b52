namespace RlaifV.Remote;

/// <summary>An answer that is not the expected JSON: retried (it may have been cut), then the item's dead letter.</summary>
internal sealed class MalformedAnswerException : Exception
{
    public MalformedAnswerException() { }

    public MalformedAnswerException(string message) : base(message) { }

    public MalformedAnswerException(string message, Exception innerException) : base(message, innerException) { }
}
