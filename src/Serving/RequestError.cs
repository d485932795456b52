namespace RlaifV.Serving;

/// <summary>A request the server answers with an OpenAI error object: its HTTP status, type, the field at fault and why.</summary>
internal sealed class RequestError : Exception
{
    public RequestError(int status, string type, string? param, string message, int? retryAfterSeconds = null) : base(message)
    {
        Status = status;
        Type = type;
        Param = param;
        RetryAfterSeconds = retryAfterSeconds;
    }

    public RequestError() : this(500, "server_error", null, "error") { }

    public RequestError(string message) : this(400, "invalid_request_error", null, message) { }

    public RequestError(string message, Exception innerException) : base(message, innerException)
    {
        Status = 500;
        Type = "server_error";
    }

    public int Status { get; }

    public string Type { get; } = "invalid_request_error";

    public string? Param { get; }

    public int? RetryAfterSeconds { get; }

    public static RequestError Invalid(string param, string message) => new(400, "invalid_request_error", param, message);
}
