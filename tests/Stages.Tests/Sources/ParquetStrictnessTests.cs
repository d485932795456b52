using System.Text.Json.Serialization;
using Parquet.Serialization;
using RlaifV.Schemas;
using RlaifV.Stages.Flow;
using RlaifV.Stages.Sources;
using RlaifV.TestKit;

namespace RlaifV.Stages.Tests.Sources;

public class ParquetStrictnessTests
{
    [Fact]
    public async Task Read_IntegerQuestionColumn_EveryRowWrongTypeNamingTheColumn()
    {
        using var dir = new TempDir();
        var file = dir.File("numbers.parquet");
        await ParquetSerializer.SerializeAsync(new[] { "a", "b", "c" }.Select((id, i) => new NumberRow { Idx = id, Question = i }), file);
        var items = new List<IngestItem>();
        await foreach (var item in new ParquetPromptSource(file).ReadAsync(CancellationToken.None)) items.Add(item);
        Assert.Equal(3, items.Count);
        Assert.All(items, i => Assert.Equal(DeadLetterReasons.WrongType, i.ParseReason));
        Assert.All(items, i => Assert.Contains("'question'", i.ParseError, StringComparison.Ordinal));
    }

    private sealed class NumberRow
    {
        [JsonPropertyName("idx")]
        public string? Idx { get; set; }

        [JsonPropertyName("question")]
        public int Question { get; set; }
    }
}
