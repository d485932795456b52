using System.Diagnostics;
using System.Net;
using RlaifV.Schemas;

namespace RlaifV.Remote;

/// <summary>The innermost handler: counts and times every HTTP attempt (retries included) and classifies its failure.</summary>
internal sealed class AttemptMetricsHandler(BackendMetrics metrics, BackendRole role) : DelegatingHandler
{
    private readonly string roleLabel = EnumNames.Of(role);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            var failed = Classify(response.StatusCode);
            metrics.Requests.WithLabels(roleLabel, BackendMetrics.OpenAi, failed is null ? "ok" : "error").Inc();
            if (failed is { } errorClass) metrics.Error(role, errorClass);
            return response;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            metrics.Requests.WithLabels(roleLabel, BackendMetrics.OpenAi, "error").Inc();
            metrics.Error(role, e is HttpRequestException ? ErrorClass.Connection : ErrorClass.Timeout);
            throw;
        }
        finally
        {
            metrics.Duration.WithLabels(roleLabel, BackendMetrics.OpenAi).Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }

    /// <summary>The error class of a status code; null for a success.</summary>
    public static ErrorClass? Classify(HttpStatusCode status) => (int)status switch
    {
        < 400 => null,
        429 => ErrorClass.RateLimited,
        408 => ErrorClass.Timeout,
        >= 500 => ErrorClass.ServerError,
        _ => ErrorClass.ClientError,
    };
}
