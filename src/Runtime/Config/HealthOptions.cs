namespace RlaifV.Runtime.Config;

/// <summary>health: what /healthz and /readyz (on the metrics port) judge.</summary>
public sealed record HealthOptions
{
    /// <summary>
    /// A stage that has had queued work and made no progress for this many seconds makes /healthz answer 503 (default
    /// 300: well over the slowest model call or training step on a loaded CPU; an idle role is always healthy).
    /// </summary>
    public int StallSeconds { get; init; } = 300;
}
