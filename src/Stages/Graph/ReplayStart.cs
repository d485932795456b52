namespace RlaifV.Stages.Graph;

/// <summary>Where a replay graph (<see cref="Topology.BuildFrom"/>) starts.</summary>
public enum ReplayStart
{
    /// <summary>At extract: candidates are re-extracted, re-questioned, re-verified and re-paired.</summary>
    Extract,

    /// <summary>At pair: verified candidates are re-scored and re-paired.</summary>
    Pair,
}
