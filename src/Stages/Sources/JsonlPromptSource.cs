using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using RlaifV.Schemas;
using RlaifV.Schemas.Datasets;
using RlaifV.Stages.Flow;
using RlaifV.Stages.Options;

namespace RlaifV.Stages.Sources;

/// <summary>
/// Prompts from a JSON-lines file in either of the layouts <see cref="PromptJsonl"/> reads. The file is read as bytes
/// (System.IO.Pipelines): every line is checked as UTF-8 by the parser, never decoded with replacement characters; a
/// line longer than <see cref="IngestOptions.MaxRecordBytes"/> is never held whole (its bytes are skipped up to the next
/// line break) and becomes one <c>record_too_large</c> item. A UTF-8 byte order mark at the start of the file and a
/// carriage return before a line break are line-break conventions, not data. Blank lines are skipped (they still count
/// in the line numbers of origins); any other line yields exactly one item, so a bad line is dead-lettered, not lost.
/// </summary>
/// <param name="path">The file.</param>
/// <param name="maxRecordBytes">The longest line read (<c>ingest.max_record_bytes</c>).</param>
public sealed class JsonlPromptSource(string path, long maxRecordBytes) : IPromptSource
{
    private const int KeptPrefixBytes = 512;
    private static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>A source with the default record limit.</summary>
    public JsonlPromptSource(string path)
        : this(path, new IngestOptions().MaxRecordBytes)
    {
    }

    /// <inheritdoc />
    public string Name => Path.GetFileNameWithoutExtension(path);

    /// <inheritdoc />
    public async IAsyncEnumerable<IngestItem> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, leaveOpen: true));
        var fileName = Path.GetFileName(path);
        long lineNumber = 0;
        var atFileStart = true;
        long skipped = -1; // bytes of an over-long line seen so far (-1: not in one)
        byte[] prefix = [];
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken);
                var buffer = result.Buffer;
                if (atFileStart && (buffer.Length >= 3 || result.IsCompleted))
                {
                    if (buffer.Length >= 3 && StartsWithBom(buffer)) buffer = buffer.Slice(3);
                    atFileStart = false;
                }
                else if (atFileStart)
                {
                    reader.AdvanceTo(buffer.Start, buffer.End);
                    continue;
                }
                while (buffer.PositionOf((byte)'\n') is { } newline)
                {
                    var line = buffer.Slice(0, newline);
                    buffer = buffer.Slice(buffer.GetPosition(1, newline));
                    lineNumber++;
                    var item = skipped >= 0 ? TooLarge(fileName, lineNumber, skipped + line.Length, prefix)
                        : line.Length > maxRecordBytes ? TooLarge(fileName, lineNumber, line.Length, line.Slice(0, KeptPrefixBytes).ToArray())
                        : Item(fileName, lineNumber, line);
                    skipped = -1;
                    if (item is not null) yield return item;
                }
                if (skipped >= 0 || buffer.Length > maxRecordBytes)
                {
                    // An over-long line: keep only a short prefix for the dead letter and drop the rest as it streams past.
                    if (skipped < 0)
                    {
                        prefix = buffer.Slice(0, Math.Min(KeptPrefixBytes, buffer.Length)).ToArray();
                        skipped = 0;
                    }
                    skipped += buffer.Length;
                    buffer = buffer.Slice(buffer.End);
                }
                if (result.IsCompleted)
                {
                    if (skipped >= 0 || buffer.Length > 0)
                    {
                        lineNumber++;
                        var last = skipped >= 0 ? TooLarge(fileName, lineNumber, skipped, prefix) : Item(fileName, lineNumber, buffer);
                        if (last is not null) yield return last;
                    }
                    break;
                }
                reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        finally
        {
            await reader.CompleteAsync();
        }
    }

    /// <summary>Parses one line into an item (a draft, or the reason it is not one).</summary>
    public static IngestItem Parse(string line, PromptTicket ticket) => IngestItem.Of(ticket, PromptJsonl.Parse(line));

    private static bool StartsWithBom(ReadOnlySequence<byte> buffer)
    {
        Span<byte> head = stackalloc byte[3];
        buffer.Slice(0, 3).CopyTo(head);
        return head.SequenceEqual(Bom);
    }

    private static IngestItem? Item(string fileName, long lineNumber, ReadOnlySequence<byte> line)
    {
        var bytes = line.IsSingleSegment ? line.FirstSpan : line.ToArray();
        if (bytes.Length > 0 && bytes[^1] == (byte)'\r') bytes = bytes[..^1];
        if (IsBlank(bytes)) return null;
        return IngestItem.Of(Ticket(fileName, lineNumber), PromptJsonl.Parse(bytes));
    }

    private IngestItem TooLarge(string fileName, long lineNumber, long bytes, byte[] prefix) => new()
    {
        Ticket = Ticket(fileName, lineNumber),
        ParseReason = DeadLetterReasons.RecordTooLarge,
        ParseError = string.Create(CultureInfo.InvariantCulture, $"the line is {bytes} bytes, over ingest.max_record_bytes = {maxRecordBytes}; it was skipped without being read"),
        Raw = PromptJsonl.Render(prefix) + "…",
    };

    private static PromptTicket Ticket(string fileName, long lineNumber) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{fileName}:{lineNumber}"), lineNumber);

    private static bool IsBlank(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r')) return false;
        return true;
    }
}
