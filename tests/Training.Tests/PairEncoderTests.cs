using RlaifV.Stages.Ports;
using Xunit;

namespace RlaifV.Training.Tests;

public sealed class PairEncoderTests : IClassFixture<TinyTrainingFixture>
{
    private readonly TinyTrainingFixture _fixture;

    public PairEncoderTests(TinyTrainingFixture fixture) => _fixture = fixture;

    [Fact]
    public void Encode_LogpsOfAnotherModelOrOfNoRecordedModel_AreDroppedAndOnlyTheReferencesOwnAreKept()
    {
        using var backend = TrainingTestData.Load(_fixture.Directory);
        string reference = ModelCheckpoint.WeightsSha256(_fixture.Directory);
        string logps = new ReferenceLogProbs(new ResponseLogProbs(-3, [-1f, -2f]), new ResponseLogProbs(-4, [-4f])).ToJson();
        var record = new RoundPairRecord
        {
            PairId = "p", Round = 0, Question = "Describe this image.", Chosen = "a red square", Rejected = "a blue circle",
            ImageBytes = TrainingTestData.Png(1), Logps = logps,
        };
        var encoded = PairEncoder.Encode(backend, [
            record with { PairId = "released", LogpsReferenceSha256 = null },
            record with { PairId = "other-model", LogpsReferenceSha256 = new string('0', 64) },
            record with { PairId = "own", LogpsReferenceSha256 = reference },
        ], 2048, _ => { }, reference);
        Assert.Equal(["released", "other-model", "own"], encoded.Select(p => p.Id));
        Assert.Null(encoded[0].Reference);
        Assert.Null(encoded[1].Reference);
        Assert.Equal(-3, encoded[2].Reference!.Chosen.Sum);
    }
}
