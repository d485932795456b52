using RlaifV.Runtime.Config;
using RlaifV.Runtime.Pipeline;
using RlaifV.Stages.Models;
using RlaifV.Stages.Options;
using RlaifV.Stages.Rules;
using RlaifV.TestKit;

namespace RlaifV.Runtime.Tests;

/// <summary>Options and models for whole-graph tests.</summary>
internal static class Harness
{
    public static PipelineOptions Options(string outDir, int n = 10, string imageRoot = ".") => new()
    {
        Run = new RunOptions { Round = 1, GlobalSeed = 7 },
        Ingest = new IngestOptions { ImageRoot = imageRoot, Capacity = 16 },
        Sampling = new SamplingOptions { N = n, Batch = new BatchingOptions { Size = 8, FlushMs = 20, Capacity = 16 } },
        Claims = new ClaimsOptions { Batch = new BatchingOptions { Size = 32, FlushMs = 20, Capacity = 64 } },
        Questions = new QuestionsOptions { Batch = new BatchingOptions { Size = 32, FlushMs = 20, Capacity = 64 } },
        Labeler = new LabelerOptions { Batch = new BatchingOptions { Size = 32, FlushMs = 20, Capacity = 64 } },
        Pairing = new PairingOptions { Capacity = 64 },
        Output = new OutputOptions { Dir = outDir, RowsPerFile = 150 },
        Metrics = new MetricsOptions { Enabled = false },
    };

    public static ModelSet Models(IPolicySampler? policy = null, IYesNoLabeler? labeler = null) =>
        new(policy ?? new ShapesPolicy(), new RuleBasedClaimExtractor(), new RuleBasedQuestionRewriter(), labeler ?? new ColourLabeler());

    /// <summary>The pair ids the method's rules predict for the doubles, computed prompt by prompt.</summary>
    public static IReadOnlyList<string> ExpectedPairIds(IEnumerable<string> promptIds, PipelineOptions o)
    {
        var ids = new List<string>();
        foreach (var id in promptIds)
        {
            var scored = Enumerable.Range(0, o.Sampling.N).Select(i =>
            {
                var seed = Seeds.ForCandidate(o.Run.GlobalSeed, o.Run.Round, id, i);
                var claims = RuleBasedClaimExtractor.Extract(ShapesPolicy.TextFor(seed));
                var verdicts = claims.Select((c, k) => new RlaifV.Schemas.Verdict { ClaimIndex = k, Claim = c, Question = c, PYes = 0, PNo = 0, Accepted = ColourLabeler.Accepts(c) }).ToList();
                return new RlaifV.Schemas.ScoredCandidate
                {
                    Candidate = new RlaifV.Schemas.Candidate { PromptId = id, Round = o.Run.Round, Index = i, Seed = seed, Text = ShapesPolicy.TextFor(seed), TokenCount = 0, PolicyId = "x" },
                    Verdicts = verdicts,
                    Score = Scoring.Score(verdicts),
                    LabelerId = "x",
                };
            }).ToList();
            var sampled = Pairing.Sample(Pairing.Eligible(scored, o.Pairing.MinDelta), o.Pairing.PairsPerPrompt, Seeds.Derive(o.Run.GlobalSeed, o.Run.Round, id, "pairs"));
            ids.AddRange(sampled.Select(p => RlaifV.Schemas.PreferencePair.IdOf(id, o.Run.Round, p.Chosen.Candidate.Index, p.Rejected.Candidate.Index)));
        }
        return ids;
    }
}
