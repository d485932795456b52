using RlaifV.Schemas;
using RlaifV.Schemas.Control;

namespace RlaifV.Kafka.Tests;

/// <summary>Sample records of every type.</summary>
internal static class Samples
{
    public static readonly DateTimeOffset At = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static Prompt Prompt(string id = "p1") => new()
    {
        Id = id,
        Instruction = "Describe this image in detail.",
        Kind = PromptKind.Description,
        Image = ImageRef.Inline([1, 2, 3, 4], "file:///img/1.png"),
        Source = "demo",
        Metadata = "{\"k\":1}",
    };

    public static Candidate Candidate(string prompt = "p1", int index = 0, int round = 3) => new()
    {
        PromptId = prompt,
        Round = round,
        Index = index,
        Seed = 42 + index,
        Text = "A dog on a red sofa.",
        TokenCount = 7,
        PolicyId = "policy-r3",
    };

    public static IReadOnlyList<Verdict> Verdicts() =>
    [
        new() { ClaimIndex = 0, Claim = "There is a dog.", Question = "Is there a dog? Please answer yes or no.", PYes = 0.9, PNo = 0.05, Accepted = true },
        new() { ClaimIndex = 1, Claim = "The sofa is red.", Question = "Is the sofa red? Please answer yes or no.", PYes = 0.2, PNo = 0.7, Accepted = false },
    ];

    public static ScoredCandidate Scored(string prompt = "p1", int index = 0) => new()
    {
        Candidate = Candidate(prompt, index),
        Verdicts = Verdicts(),
        Score = -1,
        LabelerId = "labeler-a",
    };

    public static PreferencePair Pair(string prompt = "p1", int round = 3, int chosen = 0, int rejected = 1, int textBytes = 0) => new()
    {
        PromptId = prompt,
        Round = round,
        Instruction = "Describe this image in detail.",
        Image = new ImageRef { Uri = "file:///img/1.png", Sha256 = new string('a', 64) },
        ChosenIndex = chosen,
        RejectedIndex = rejected,
        Chosen = textBytes > 0 ? new string('c', textBytes) : "A dog on a sofa.",
        Rejected = textBytes > 0 ? new string('r', textBytes) : "A dog on a red sofa.",
        ChosenScore = 0,
        RejectedScore = -1,
        ChosenWords = 5,
        RejectedWords = 6,
        ChosenVerdicts = Verdicts().Take(1).ToList(),
        RejectedVerdicts = Verdicts(),
        PolicyId = "policy-r3",
        LabelerId = "labeler-a",
        Source = "demo",
    };

    public static DeadLetter DeadLetter(string key = "p9") => new()
    {
        Stage = "ingest",
        Reason = DeadLetterReasons.Malformed,
        Detail = "not Arrow",
        Key = key,
        Origin = "rlaifv.prompts/0/12",
        Input = "garbage",
        At = At,
    };

    public static IReadOnlyList<PartitionOffset> Offsets(params long[] ends) =>
        ends.Select((o, p) => new PartitionOffset { Partition = p, Offset = o }).ToList();

    public static RoundStarted Started(int round, string uri = "file:///ckpt/r0") => new()
    {
        Round = round,
        PolicyUri = uri,
        PolicySha256 = new string('b', 64),
        PromptTopic = "rlaifv.prompts",
        PromptStartOffsets = Offsets(0, 0),
        PromptEndOffsets = Offsets(100, 90),
        At = At,
    };

    public static RoundGenerationComplete Complete(int round, long pairs = 10) => new()
    {
        Round = round,
        PairsTopic = $"rlaifv.r{round:D4}.pairs",
        PairCount = pairs,
        EndOffsets = Offsets(6, 4),
        At = At,
    };

    public static CheckpointPublished Checkpoint(int round, string uri = "file:///ckpt/r1") => new()
    {
        Round = round,
        Uri = uri,
        Sha256 = new string('c', 64),
        At = At,
    };
}
