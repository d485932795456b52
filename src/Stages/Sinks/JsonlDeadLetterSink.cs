using System.Text.Json;
using RlaifV.Schemas;
using RlaifV.Stages.Flow;

namespace RlaifV.Stages.Sinks;

/// <summary>Dead letters as JSON lines, appended and flushed one by one (thread-safe).</summary>
public sealed class JsonlDeadLetterSink : IDeadLetterSink, IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private readonly StreamWriter writer;
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>Opens (appending to) <paramref name="path"/>.</summary>
    public JsonlDeadLetterSink(string path)
    {
        Path = path;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read));
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>Dead letters written by this sink.</summary>
    public long Count { get; private set; }

    /// <inheritdoc />
    public async ValueTask WriteAsync(DeadLetter letter, CancellationToken cancellationToken)
    {
        var line = JsonSerializer.Serialize(letter, Json);
        await gate.WaitAsync(cancellationToken);
        try
        {
            await writer.WriteLineAsync(line.AsMemory(), cancellationToken);
            await writer.FlushAsync(cancellationToken);
            Count++;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Reads a dead-letter file back.</summary>
    public static IReadOnlyList<DeadLetter> ReadAll(string path) =>
        File.Exists(path)
            ? File.ReadLines(path).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<DeadLetter>(l, Json)!).ToList()
            : [];

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await writer.DisposeAsync();
        gate.Dispose();
    }
}
