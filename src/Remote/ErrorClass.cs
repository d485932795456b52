namespace RlaifV.Remote;

/// <summary>Classes of failed backend calls (the <c>class</c> label of <c>rlaifv_backend_errors_total</c>).</summary>
public enum ErrorClass
{
    /// <summary>An attempt ran past its timeout (<c>timeout</c>).</summary>
    Timeout,

    /// <summary>HTTP 429 (<c>rate_limited</c>).</summary>
    RateLimited,

    /// <summary>HTTP 5xx (<c>server_error</c>).</summary>
    ServerError,

    /// <summary>HTTP 4xx other than 408 and 429 (<c>client_error</c>).</summary>
    ClientError,

    /// <summary>No connection, or the connection broke (<c>connection</c>).</summary>
    Connection,

    /// <summary>An answer that is not the expected JSON, or lacks what the role needs (<c>malformed</c>).</summary>
    Malformed,

    /// <summary>Refused at once because the circuit is open (<c>circuit_open</c>).</summary>
    CircuitOpen,
}
