using System.Text.Json;
using System.Text.Json.Nodes;
using DuckDB.NET.Data;
using Parquet;
using Parquet.Schema;
using RlaifV.Schemas.Datasets;
using RlaifV.TestKit;

namespace RlaifV.Schemas.Tests.Datasets;

public class PairFileLayoutTests
{
    private static PreferencePair Pair(int i) => new()
    {
        PromptId = $"p{i}",
        Round = 3,
        Instruction = $"Describe \"image\" {i} in detail.",
        Image = ImageRef.Inline(Png.Solid(3, 3, (byte)(i * 40)), $"images/p{i}.png"),
        ChosenIndex = 1,
        RejectedIndex = 4,
        Chosen = $"There is a red square {i}.",
        Rejected = $"There is a purple star {i}. ünï 東京",
        ChosenScore = 0,
        RejectedScore = -2,
        ChosenWords = 6,
        RejectedWords = 8,
        ChosenVerdicts = [new Verdict { ClaimIndex = 0, Claim = "There is a red square.", Question = "Is there a red square?", PYes = 0.75, PNo = 0.125, Accepted = true }],
        RejectedVerdicts = [],
        PolicyId = "policy-a",
        LabelerId = "labeler-b",
        Source = i % 2 == 0 ? "vqav2" : null,
    };

    private static async Task<string> WriteAsync(TempDir dir, PairProfile profile, IReadOnlyList<PreferencePair> pairs)
    {
        var file = dir.File($"{EnumNames.Of(profile)}.parquet");
        await using var stream = File.Create(file);
        await PairFileLayout.AppendAsync(stream, profile, pairs.Select(p => (p, (PromptKind?)PromptKind.Description)), PairFileLayout.WriterOptions(ParquetCompression.Zstd, ParquetCompressionLevel.Fastest), CancellationToken.None);
        return file;
    }

    [Fact]
    public void Metadata_HuggingFaceFeatures_DeclareImageColumns()
    {
        var rlaifv = PairFileLayout.Metadata(PairProfile.Rlaifv)["huggingface"];
        Assert.Contains("\"image\":{\"_type\":\"Image\"}", rlaifv, StringComparison.Ordinal);
        var trl = PairFileLayout.Metadata(PairProfile.Trl)["huggingface"];
        Assert.Contains("\"images\":[{\"_type\":\"Image\"}]", trl, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PairProfile.Rlaifv)]
    [InlineData(PairProfile.Trl)]
    public async Task Metadata_FeaturesOfAWrittenFile_MatchItsParquetSchemaFieldByField(PairProfile profile)
    {
        using var dir = new TempDir();
        var file = await WriteAsync(dir, profile, [Pair(0), Pair(1)]);
        await using var reader = await ParquetReader.CreateAsync(file);
        var features = JsonNode.Parse(reader.CustomMetadata["huggingface"])!["info"]!["features"]!.AsObject();
        Assert.Equal(reader.Schema.Fields.Select(f => f.Name), features.Select(f => f.Key)); // the same columns, in the file's order
        foreach (var field in reader.Schema.Fields) Match(field, features[field.Name]!, field.Name);
    }

    /// <summary>A feature against the file's field: datasets takes a feature only when its Arrow type equals the file's.</summary>
    private static void Match(Field field, JsonNode feature, string path)
    {
        switch (field)
        {
            case StructField s when feature is JsonObject { } image && (string?)image["_type"] == "Image":
                Assert.Equal(["bytes", "path"], s.Fields.Select(f => f.Name));
                Assert.True(Leaf(s.Fields[0]).ClrType == typeof(byte[]) || Leaf(s.Fields[0]).ClrType == typeof(ReadOnlyMemory<byte>), path + ".bytes");
                Assert.True(IsText(Leaf(s.Fields[1])), path + ".path");
                break;
            case StructField s:
                var members = feature.AsObject();
                Assert.Equal(s.Fields.Select(f => f.Name), members.Select(m => m.Key));
                foreach (var f in s.Fields) Match(f, members[f.Name]!, $"{path}.{f.Name}");
                break;
            case ListField l:
                var item = Assert.Single(feature.AsArray());
                Match(l.Item, item!, path + "[]");
                break;
            case DataField d:
                Assert.Equal("Value", (string?)feature["_type"]);
                var dtype = (string?)feature["dtype"];
                var clr = Nullable.GetUnderlyingType(d.ClrType) ?? d.ClrType;
                var expected = IsText(d) ? "string" : clr == typeof(int) ? "int32" : clr == typeof(long) ? "int64" : clr == typeof(double) ? "float64" : clr == typeof(bool) ? "bool" : clr.Name;
                Assert.True(expected == dtype, $"{path}: file holds {clr.Name}, feature says {dtype}");
                Assert.True(d.IsNullable, $"{path} is required in the file; every datasets feature is nullable");
                break;
            default:
                Assert.Fail($"{path}: unexpected field kind {field.GetType().Name}");
                break;
        }
    }

    private static DataField Leaf(Field f) => Assert.IsAssignableFrom<DataField>(f);

    private static bool IsText(DataField d) => d.ClrType == typeof(string) || d.ClrType == typeof(ReadOnlyMemory<char>);

    [Theory]
    [InlineData(PairProfile.Rlaifv, "image")]
    [InlineData(PairProfile.Trl, "images")]
    public async Task Write_BothProfiles_ReadBackByDuckDbEqualEveryColumnWritten(PairProfile profile, string imageColumn)
    {
        using var dir = new TempDir();
        var pairs = Enumerable.Range(0, 5).Select(Pair).ToList();
        var file = await WriteAsync(dir, profile, pairs);
        var written = pairs.Select(p => profile == PairProfile.Rlaifv
            ? JsonSerializer.SerializeToNode(RlaifvPairRow.From(p, PromptKind.Description))!.AsObject()
            : JsonSerializer.SerializeToNode(TrlPairRow.From(p))!.AsObject()).ToList();

        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT to_json(t)::VARCHAR, {(profile == PairProfile.Rlaifv ? "image.bytes, image.path" : "images[1].bytes, images[1].path, len(images)")} " +
            $"FROM (SELECT * FROM read_parquet('{file}')) t";
        using var rows = command.ExecuteReader();
        var i = 0;
        for (; rows.Read(); i++)
        {
            var read = JsonNode.Parse(rows.GetString(0))!.AsObject();
            var expected = written[i];
            if (profile == PairProfile.Trl)
            {
                // TRL's conversational vision layout: the user turn holds an image part, then the instruction as text.
                Assert.Equal("user", (string?)read["prompt"]![0]!["role"]);
                Assert.Equal("image", (string?)read["prompt"]![0]!["content"]![0]!["type"]);
                Assert.Equal(pairs[i].Instruction, (string?)read["prompt"]![0]!["content"]![1]!["text"]);
                Assert.Equal(("assistant", pairs[i].Chosen), ((string?)read["chosen"]![0]!["role"], (string?)read["chosen"]![0]!["content"]![0]!["text"]));
                Assert.Equal(pairs[i].Rejected, (string?)read["rejected"]![0]!["content"]![0]!["text"]);
            }
            Assert.Equal(expected.Select(p => p.Key).Where(k => k != imageColumn).Order(), read.Select(p => p.Key).Where(k => k != imageColumn).Order());
            foreach (var (column, value) in expected)
            {
                if (column == imageColumn) continue;
                Assert.True(Same(value, read[column]), $"row {i} column {column}: wrote {value?.ToJsonString()}, DuckDB read {read[column]?.ToJsonString()}");
            }
            using var bytes = rows.GetStream(1);
            using var copy = new MemoryStream();
            bytes.CopyTo(copy);
            Assert.Equal(pairs[i].Image.Bytes, copy.ToArray());
            Assert.Equal(pairs[i].Image.Uri, rows.GetString(2));
            if (profile == PairProfile.Trl) Assert.Equal(1, Convert.ToInt32(rows.GetValue(3), System.Globalization.CultureInfo.InvariantCulture));
        }
        Assert.Equal(pairs.Count, i);
    }

    /// <summary>JSON equality with numbers compared as numbers (DuckDB and .NET print doubles alike but not identically).</summary>
    private static bool Same(JsonNode? a, JsonNode? b) => (a, b) switch
    {
        (null, null) => true,
        (JsonObject x, JsonObject y) => x.Count == y.Count && x.All(p => y.ContainsKey(p.Key) && Same(p.Value, y[p.Key])),
        (JsonArray x, JsonArray y) => x.Count == y.Count && x.Zip(y).All(p => Same(p.First, p.Second)),
        (JsonValue x, JsonValue y) when x.GetValueKind() == JsonValueKind.Number && y.GetValueKind() == JsonValueKind.Number => x.GetValue<double>() == y.GetValue<double>(),
        (JsonValue x, JsonValue y) => x.ToJsonString() == y.ToJsonString(),
        _ => false,
    };
}
