using RlaifV.Stages.Ports;

namespace RlaifV.TestKit;

/// <summary>
/// A deterministic labeler double: answers "no" (P(no)=0.7, P(No)=0.1) to questions mentioning purple or
/// orange, "yes" (P(yes)=0.6, P(Yes)=0.2) otherwise. Can be made to refuse questions containing a marker (an item's own
/// fault, <see cref="InputRejectedException"/>) or to be down (a system error, which stops the run).
/// </summary>
public sealed class ColourLabeler(string? failOn = null, bool failAll = false) : IYesNoLabeler
{
    private int questions;

    /// <inheritdoc />
    public string ModelId => "colour-labeler";

    /// <summary>Questions answered.</summary>
    public int Questions => questions;

    /// <summary>Whether a claim is accepted by this double.</summary>
    public static bool Accepts(string claim) =>
        !claim.Contains("purple", StringComparison.Ordinal) && !claim.Contains("orange", StringComparison.Ordinal);

    /// <inheritdoc />
    public Task<IReadOnlyList<YesNoProbabilities>> ProbeAsync(IReadOnlyList<YesNoRequest> batch, CancellationToken cancellationToken)
    {
        if (failAll) throw new InvalidOperationException("labeler is down");
        if (failOn is not null && batch.Any(r => r.Question.Contains(failOn, StringComparison.Ordinal)))
            throw new InputRejectedException($"labeler cannot answer '{failOn}'");
        Interlocked.Add(ref questions, batch.Count);
        IReadOnlyList<YesNoProbabilities> result = batch
            .Select(r => Accepts(r.Question) ? new YesNoProbabilities(0.6, 0.2, 0.1, 0.05) : new YesNoProbabilities(0.1, 0.05, 0.7, 0.1))
            .ToList();
        return Task.FromResult(result);
    }
}
