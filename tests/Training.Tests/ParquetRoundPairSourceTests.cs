using RlaifV.Schemas;
using Xunit;

namespace RlaifV.Training.Tests;

public sealed class ParquetRoundPairSourceTests
{
    [Fact]
    public async Task ReadAsync_GoodRound_ReadsEveryRowInFileOrder()
    {
        string dir = TrainingTestData.NewTempDirectory();
        try
        {
            string pairsDir = Path.Combine(dir, "rlaifv");
            await TrainingTestData.WriteRoundAsync(pairsDir, round: 1);
            var source = new ParquetRoundPairSource(pairsDir);
            var dead = new List<DeadLetter>();
            var records = new List<RoundPairRecord>();
            await foreach (var r in source.ReadAsync(1, dead.Add, CancellationToken.None))
            {
                records.Add(r);
            }

            Assert.Equal(8, records.Count);
            Assert.Equal("prompt-0#r1:0>1", records[0].PairId);
            Assert.NotNull(records[0].ImageBytes);
            Assert.Null(records[0].Logps);
            Assert.EndsWith("#0", records[0].Origin, StringComparison.Ordinal);
            Assert.Empty(dead);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task ReadAsync_UnreadableFileBesideGoodOne_StopsNamingTheFile()
    {
        string dir = TrainingTestData.NewTempDirectory();
        try
        {
            string pairsDir = Path.Combine(dir, "rlaifv");
            await TrainingTestData.WriteRoundAsync(pairsDir, round: 1);
            await File.WriteAllTextAsync(Path.Combine(pairsDir, "round-0001", "pairs-r0001-broken-9.parquet"), "not parquet");
            var dead = new List<DeadLetter>();
            var e = await Assert.ThrowsAsync<TrainingException>(async () =>
            {
                await foreach (var r in new ParquetRoundPairSource(pairsDir).ReadAsync(1, dead.Add, CancellationToken.None))
                {
                }
            });
            Assert.Contains("pairs-r0001-broken-9.parquet", e.Message, StringComparison.Ordinal);
            Assert.Empty(dead);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
