using RlaifV.Schemas;
using RlaifV.Stages.Options;
using RlaifV.Stages.Ports;
using RlaifV.Stages.Rules;

namespace RlaifV.TestKit;

/// <summary>Stage options, output settings and model doubles for whole-graph tests, and the pairs the method's rules predict for them.</summary>
public static class Graphs
{
    /// <summary>Round 1, seed 7, small batches that flush quickly.</summary>
    public static StageOptions Stages(int n = 10, string imageRoot = ".") => new()
    {
        Run = new RunContext { Round = 1, GlobalSeed = 7 },
        Ingest = new IngestOptions { ImageRoot = imageRoot, Capacity = 16 },
        Sampling = new SamplingOptions { N = n, Batch = new BatchingOptions { Size = 8, FlushMs = 20, Capacity = 16 } },
        Claims = new ClaimsOptions { Batch = new BatchingOptions { Size = 32, FlushMs = 20, Capacity = 64 } },
        Questions = new QuestionsOptions { Batch = new BatchingOptions { Size = 32, FlushMs = 20, Capacity = 64 } },
        Labeler = new LabelerOptions { Batch = new BatchingOptions { Size = 32, FlushMs = 20, Capacity = 64 } },
        Pairing = new PairingOptions { Capacity = 64 },
    };

    /// <summary>Output into <paramref name="dir"/>, 150 pairs per file.</summary>
    public static OutputOptions Output(string dir) => new() { Dir = dir, RowsPerFile = 150 };

    /// <summary>The doubles: <see cref="ShapesPolicy"/>, the rules, <see cref="ColourLabeler"/>, and <paramref name="images"/> (default <see cref="HeaderOnlyDecoder"/>).</summary>
    public static ModelSet Models(IPolicySampler? policy = null, IYesNoLabeler? labeler = null, IImageDecoder? images = null) =>
        new(policy ?? new ShapesPolicy(), new RuleBasedClaimExtractor(), new RuleBasedQuestionRewriter(), labeler ?? new ColourLabeler(), images ?? new HeaderOnlyDecoder());

    /// <summary>The pair ids the method's rules predict for the doubles, computed prompt by prompt.</summary>
    public static IReadOnlyList<string> ExpectedPairIds(IEnumerable<string> promptIds, StageOptions o)
    {
        ArgumentNullException.ThrowIfNull(promptIds);
        ArgumentNullException.ThrowIfNull(o);
        var ids = new List<string>();
        foreach (var id in promptIds)
        {
            var scored = Enumerable.Range(0, o.Sampling.N).Select(i =>
            {
                var seed = Seeds.ForCandidate(o.Run.GlobalSeed, o.Run.Round, id, i);
                var claims = RuleBasedClaimExtractor.Extract(ShapesPolicy.TextFor(seed));
                var verdicts = claims.Select((c, k) => new Verdict { ClaimIndex = k, Claim = c, Question = c, PYes = 0, PNo = 0, Accepted = ColourLabeler.Accepts(c) }).ToList();
                return new ScoredCandidate
                {
                    Candidate = new Candidate { PromptId = id, Round = o.Run.Round, Index = i, Seed = seed, Text = ShapesPolicy.TextFor(seed), TokenCount = 0, PolicyId = "x" },
                    Verdicts = verdicts,
                    Score = Scoring.Score(verdicts),
                    LabelerId = "x",
                };
            }).ToList();
            var sampled = Pairing.Sample(Pairing.Eligible(scored, o.Pairing.MinDelta), o.Pairing.PairsPerPrompt, Seeds.Derive(o.Run.GlobalSeed, o.Run.Round, id, "pairs"));
            ids.AddRange(sampled.Select(p => PreferencePair.IdOf(id, o.Run.Round, p.Chosen.Candidate.Index, p.Rejected.Candidate.Index)));
        }
        return ids;
    }
}
