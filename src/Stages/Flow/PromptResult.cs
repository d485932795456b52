using RlaifV.Schemas;

namespace RlaifV.Stages.Flow;

/// <summary>Everything one prompt produced: its scored candidates and its sampled pairs.</summary>
/// <param name="Source">The prompt.</param>
/// <param name="Scored">Every candidate that made it through verification, scored (score null when no claims).</param>
/// <param name="Pairs">The sampled preference pairs.</param>
/// <param name="FailedCandidates">How many of the n candidates were dead-lettered along the way.</param>
public sealed record PromptResult(PromptItem Source, IReadOnlyList<ScoredCandidate> Scored, IReadOnlyList<PreferencePair> Pairs, int FailedCandidates);
