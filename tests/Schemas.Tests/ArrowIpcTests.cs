using Apache.Arrow;
using Apache.Arrow.Ipc;
using RlaifV.Schemas.Arrow;

namespace RlaifV.Schemas.Tests;

public class ArrowIpcTests
{
    private static readonly Verdict V1 = new() { ClaimIndex = 0, Claim = "There is a cat.", Question = "Is there a cat? Please answer yes or no.", PYes = 0.8, PNo = 0.1, Accepted = true };
    private static readonly Verdict V2 = new() { ClaimIndex = 1, Claim = "The cat is blue.", Question = "Is the cat blue? Please answer yes or no.", PYes = 0.2, PNo = 0.7, Accepted = false };

    private static PreferencePair Pair(string prompt) => new()
    {
        PromptId = prompt, Round = 3, Instruction = "Describe.", Image = new ImageRef { Uri = "a.png", Bytes = [1, 2, 3], Sha256 = "ab" },
        ChosenIndex = 2, RejectedIndex = 5, Chosen = "c", Rejected = "r", ChosenScore = 0, RejectedScore = -1,
        ChosenWords = 1, RejectedWords = 1, ChosenVerdicts = [V1], RejectedVerdicts = [V1, V2], PolicyId = "p", LabelerId = "l", Source = null,
    };

    [Fact]
    public void EncodeDecode_PairsWithNestedVerdicts_RoundTrip()
    {
        var pairs = new[] { Pair("a"), Pair("b") with { ChosenVerdicts = [] } };
        var back = ArrowIpc.Decode(PreferencePair.Layout, ArrowIpc.Encode(PreferencePair.Layout, pairs));
        Assert.Equal(2, back.Count);
        Assert.Equal("a#r3:2>5", back[0].Id);
        Assert.Equal(new[] { V1, V2 }, back[0].RejectedVerdicts);
        Assert.Empty(back[1].ChosenVerdicts);
        Assert.Equal(new byte[] { 1, 2, 3 }, back[0].Image.Bytes);
        Assert.Null(back[0].Source);
    }

    [Fact]
    public void EncodeDecode_EveryRecordType_RoundTrips()
    {
        var prompt = new Prompt { Id = "p1", Instruction = "Q?", Kind = PromptKind.ShortAnswer, Image = new ImageRef { Uri = "x.png", Sha256 = "00" }, Metadata = "{\"a\":1}" };
        Assert.Equal(prompt with { }, ArrowIpc.Decode(Prompt.Layout, ArrowIpc.Encode(Prompt.Layout, prompt))[0] with { });
        var candidate = new Candidate { PromptId = "p1", Round = 1, Index = 4, Seed = long.MaxValue, Text = "t", TokenCount = 7, PolicyId = "pol" };
        Assert.Equal(candidate, ArrowIpc.Decode(Candidate.Layout, ArrowIpc.Encode(Candidate.Layout, candidate))[0]);
        var claims = new ClaimSet { CandidateId = candidate.Id, PromptId = "p1", Claims = ["a", "b"], Questions = ["a?", "b?"], ExtractorId = "rules" };
        var claimsBack = ArrowIpc.Decode(ClaimSet.Layout, ArrowIpc.Encode(ClaimSet.Layout, claims))[0];
        Assert.Equal(claims.Claims, claimsBack.Claims);
        Assert.Equal(claims.Questions, claimsBack.Questions);
        var scored = new ScoredCandidate { Candidate = candidate, Verdicts = [V1, V2], Score = -1, LabelerId = "lab" };
        var scoredBack = ArrowIpc.Decode(ScoredCandidate.Layout, ArrowIpc.Encode(ScoredCandidate.Layout, scored))[0];
        Assert.Equal(candidate, scoredBack.Candidate);
        Assert.Equal(-1, scoredBack.Score);
        Assert.Equal(new[] { V1, V2 }, scoredBack.Verdicts);
        var unscored = scored with { Verdicts = [], Score = null };
        Assert.Null(ArrowIpc.Decode(ScoredCandidate.Layout, ArrowIpc.Encode(ScoredCandidate.Layout, unscored))[0].Score);
        var letter = new DeadLetter { Stage = "ingest", Reason = "malformed", Detail = "d", Input = "{", At = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero) };
        Assert.Equal(letter, ArrowIpc.Decode(DeadLetter.Layout, ArrowIpc.Encode(DeadLetter.Layout, letter))[0]);
    }

    [Fact]
    public void CheckpointPublished_Version2WithCandidates_RoundTrips()
    {
        var at = new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
        var record = new Control.CheckpointPublished
        {
            Round = 2, Uri = "/c/round-0003", Sha256 = "ab", At = at, Selection = "best", SelectedStep = 24, Evaluator = "dev scenes",
            Candidates = [new Control.CheckpointCandidate { Step = 12, Score = 0.7, Sha256 = "01" }, new Control.CheckpointCandidate { Step = 24, Score = 0.9, Sha256 = "02" }],
        };
        var back = ArrowIpc.Decode(Control.CheckpointPublished.Layout, ArrowIpc.Encode(Control.CheckpointPublished.Layout, record))[0];
        Assert.Equal(2, Control.CheckpointPublished.Layout.Version);
        Assert.Equal(("best", 24, "dev scenes"), (back.Selection, back.SelectedStep, back.Evaluator));
        Assert.Equal(record.Candidates, back.Candidates);
    }

    [Fact]
    public void CheckpointPublished_Version1Message_ReadsWithEmptySelection()
    {
        // The version 1 layout, as a generator or trainer of an earlier release writes it: four columns.
        var v1 = new RecordLayout<Control.CheckpointPublished>(
            "checkpoint_published", 1, _ => throw new InvalidOperationException("write only"),
            Col.Int32<Control.CheckpointPublished>("round", s => s.Round),
            Col.Utf8<Control.CheckpointPublished>("uri", s => s.Uri),
            Col.Utf8<Control.CheckpointPublished>("sha256", s => s.Sha256),
            Col.Timestamp<Control.CheckpointPublished>("at", s => s.At));
        var old = new Control.CheckpointPublished { Round = 1, Uri = "/c/round-0002", Sha256 = "cd", At = DateTimeOffset.UnixEpoch, Selection = "ignored" };

        var back = ArrowIpc.Decode(Control.CheckpointPublished.Layout, ArrowIpc.Encode(v1, old))[0];

        Assert.Equal((1, "/c/round-0002", "cd"), (back.Round, back.Uri, back.Sha256));
        Assert.Null(back.Selection);
        Assert.Null(back.SelectedStep);
        Assert.Empty(back.Candidates);
    }

    [Fact]
    public void Decode_OtherRecordType_FailsNamingBoth()
    {
        var bytes = ArrowIpc.Encode(Candidate.Layout, new Candidate { PromptId = "p", Round = 0, Index = 0, Seed = 1, Text = "t", TokenCount = 1, PolicyId = "x" });
        var e = Assert.Throws<InvalidDataException>(() => ArrowIpc.Decode(PreferencePair.Layout, bytes));
        Assert.Contains("'candidate'", e.Message);
        Assert.Contains("'preference_pair'", e.Message);
    }

    [Fact]
    public void Encode_NullInRequiredColumn_ThrowsNamingColumn()
    {
        var bad = new Candidate { PromptId = null!, Round = 0, Index = 0, Seed = 1, Text = "t", TokenCount = 1, PolicyId = "x" };
        var e = Assert.Throws<ArgumentException>(() => ArrowIpc.Encode(Candidate.Layout, bad));
        Assert.Contains("prompt_id", e.Message);
    }

    [Fact]
    public void Encode_NullsInNullableColumnsAcrossRows_RoundTripRowByRow()
    {
        var rows = Enumerable.Range(0, 19).Select(i => Pair($"p{i}") with
        {
            Source = i % 3 == 0 ? null : $"s{i}",
            Image = new ImageRef { Uri = i % 2 == 0 ? null : $"{i}.png", Bytes = i % 5 == 0 ? null : [(byte)i], Sha256 = "ab" },
        }).ToList();
        var back = ArrowIpc.Decode(PreferencePair.Layout, ArrowIpc.Encode(PreferencePair.Layout, rows));
        Assert.Equal(rows.Select(r => (r.Id, r.Source, r.Image.Uri)), back.Select(r => (r.Id, r.Source, r.Image.Uri)));
        Assert.Equal(rows.Select(r => r.Image.Bytes?.Length), back.Select(r => r.Image.Bytes?.Length));
        var scored = Enumerable.Range(0, 10).Select(i => new ScoredCandidate
        {
            Candidate = new Candidate { PromptId = "p", Round = 1, Index = i, Seed = i, Text = new string('t', i), TokenCount = i, PolicyId = "x" },
            Verdicts = i % 2 == 0 ? [] : [V1, V2],
            Score = i % 4 == 0 ? null : -i,
            LabelerId = "l",
        }).ToList();
        var scoredBack = ArrowIpc.Decode(ScoredCandidate.Layout, ArrowIpc.Encode(ScoredCandidate.Layout, scored));
        Assert.Equal(scored.Select(s => (s.Candidate, s.Score, s.Verdicts.Count)), scoredBack.Select(s => (s.Candidate, s.Score, s.Verdicts.Count)));
    }

    [Fact]
    public void Encode_ManyMessagesOnOneThread_EachIsACompleteStreamOfItsOwnRows()
    {
        var first = ArrowIpc.Encode(PreferencePair.Layout, [Pair("a"), Pair("b")]);
        var second = ArrowIpc.Encode(PreferencePair.Layout, Pair("c"));
        var third = ArrowIpc.Encode(Candidate.Layout, new Candidate { PromptId = "d", Round = 0, Index = 0, Seed = 1, Text = "t", TokenCount = 1, PolicyId = "x" });

        Assert.Equal(["a#r3:2>5", "b#r3:2>5"], ArrowIpc.Decode(PreferencePair.Layout, first).Select(p => p.Id));
        Assert.Equal("c#r3:2>5", Assert.Single(ArrowIpc.Decode(PreferencePair.Layout, second)).Id);
        Assert.Equal("d", Assert.Single(ArrowIpc.Decode(Candidate.Layout, third)).PromptId);
        // Every message: schema (with the record name and version) first, one batch, the end-of-stream marker.
        foreach (var bytes in new[] { first, second })
        {
            Assert.Equal(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0 }, bytes[^8..]);
            using var reader = new ArrowStreamReader(new MemoryStream(bytes));
            Assert.Equal("preference_pair", reader.Schema.Metadata[SchemaMetadata.RecordKey]);
            Assert.Equal("1", reader.Schema.Metadata[SchemaMetadata.VersionKey]);
            using (var batch = reader.ReadNextRecordBatch()) Assert.NotNull(batch);
            Assert.Null(reader.ReadNextRecordBatch());
        }
        Assert.Equal(second, ArrowIpc.Encode(PreferencePair.Layout, Pair("c")));
    }

    [Fact]
    public void Encode_OneRow_BuffersArePaddedTo8BytesNot64()
    {
        var bytes = ArrowIpc.Encode(PreferencePair.Layout, Pair("a"));
        using var reader = new ArrowStreamReader(new MemoryStream(bytes));
        using var batch = reader.ReadNextRecordBatch();
        var buffers = Buffers(batch.Arrays.Select(a => a.Data)).ToList();
        Assert.All(buffers, b => Assert.Equal(0, b.Length % 8));
        // A non-null int column of one row is 8 bytes (Apache.Arrow's builders made 64), and no column
        // without nulls carries a validity bitmap.
        var round = batch.Column("round").Data;
        Assert.Equal(8, round.Buffers[1].Length);
        Assert.Equal(0, round.Buffers[0].Length);
        // Schema (~1.7 KB) + batch metadata (~1.9 KB for its ~80 buffers) + a few hundred bytes of values;
        // with 64-byte buffers the same message took over 6 KB.
        Assert.True(bytes.Length < 4_500, $"a small one-row pair message takes {bytes.Length} bytes");
    }

    private static IEnumerable<ArrowBuffer> Buffers(IEnumerable<ArrayData> arrays) =>
        arrays.SelectMany(a => a.Buffers.Concat(Buffers(a.Children ?? [])));
}
