using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RlaifV.Orchestration;

/// <summary>
/// The run's durable progress: one <see cref="RoundRecord"/> file per finished round under <c>{output.dir}/rounds</c>
/// (written atomically, after the round's checkpoint exists), and <c>summary.json</c> rebuilt from them. A restarted run
/// reads the records to resume after the last finished round.
/// </summary>
public sealed class RunLedger(string outputDirectory)
{
    /// <summary>snake_case JSON, nulls kept (summary.json's shape has labeler_agreement: null for round 0).</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The records' folder.</summary>
    public string Directory { get; } = Path.Combine(outputDirectory, "rounds");

    /// <summary>summary.json.</summary>
    public string SummaryPath { get; } = Path.Combine(outputDirectory, "summary.json");

    /// <summary>The record of policy <paramref name="round"/>, or null when that round has not finished.</summary>
    public RoundRecord? Get(int round)
    {
        var path = PathOf(round);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<RoundRecord>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a round record ({e.Message}); delete it to redo that round", e);
        }
    }

    /// <summary>Saves a record (atomically) and rewrites summary.json.</summary>
    public void Save(RoundRecord record, object? run = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        System.IO.Directory.CreateDirectory(Directory);
        WriteAtomically(PathOf(record.Round), JsonSerializer.Serialize(record, Json));
        WriteSummary(run);
    }

    /// <summary>Every saved record, by round.</summary>
    public IReadOnlyList<RoundRecord> All()
    {
        var records = new List<RoundRecord>();
        for (int r = 0; Get(r) is { } record; r++) records.Add(record);
        return records;
    }

    /// <summary>Rewrites summary.json from the saved records: <c>{"rounds": [...], "run": {...}}</c>.</summary>
    public void WriteSummary(object? run = null)
    {
        var summary = new Dictionary<string, object?> { ["rounds"] = All() };
        if (run is not null) summary["run"] = run;
        WriteAtomically(SummaryPath, JsonSerializer.Serialize(summary, Json));
    }

    private string PathOf(int round) => Path.Combine(Directory, string.Create(CultureInfo.InvariantCulture, $"round-{round:D4}.json"));

    private static void WriteAtomically(string path, string text)
    {
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path + ".tmp", text);
        File.Move(path + ".tmp", path, overwrite: true);
    }
}
