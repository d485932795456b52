namespace RlaifV.Stages.Flow;

/// <summary>How a prompt left the graph.</summary>
public enum PromptOutcome
{
    /// <summary>Rejected by ingest (dead-lettered).</summary>
    Rejected,

    /// <summary>Processed; its results (possibly zero pairs) were written.</summary>
    Processed,
}
