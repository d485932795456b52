namespace RlaifV.Stages.Flow;

/// <summary>How a prompt left the graph.</summary>
public enum PromptOutcome
{
    /// <summary>Rejected by ingest (dead-lettered).</summary>
    Rejected,

    /// <summary>Processed; its results (possibly zero pairs) were written.</summary>
    Processed,

    /// <summary>Never entered the graph (a stop or fault came while it was being sent); a source must not acknowledge it.</summary>
    Abandoned,
}
