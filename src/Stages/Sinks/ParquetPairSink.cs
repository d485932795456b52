using RlaifV.Schemas;
using RlaifV.Schemas.Datasets;
using RlaifV.Stages.Flow;
using RlaifV.Stages.Options;

namespace RlaifV.Stages.Sinks;

/// <summary>
/// Writes pairs to Parquet in each configured profile, in the folders and file names of <see cref="PairFileLayout"/>
/// (<c>{dir}/pairs/{profile}/round-NNNN/pairs-rNNNN-{source}-{first position}.parquet</c>). Rows are appended
/// in row groups to a temporary file that is renamed into place when it holds
/// <see cref="OutputOptions.RowsPerFile"/> pairs or the run ends. The pipeline is ordered, so file
/// boundaries and names are the same on a rerun, which then replaces files instead of duplicating them.
/// </summary>
public sealed class ParquetPairSink : IResultSink
{
    private const int RowGroupSize = 256;
    private readonly OutputOptions options;
    private readonly string sourceName;
    private readonly List<(PreferencePair Pair, PromptKind Kind, long Position)> buffer = [];
    private readonly List<string> written = [];
    private OpenFile? current;

    /// <summary>Creates the sink.</summary>
    /// <param name="options">Output settings.</param>
    /// <param name="sourceName">The input's short name (part of file names).</param>
    public ParquetPairSink(OutputOptions options, string sourceName)
    {
        this.options = options;
        this.sourceName = Sanitize(sourceName);
    }

    /// <summary>Files completed so far (final names).</summary>
    public IReadOnlyList<string> WrittenFiles => written;

    /// <summary>Pairs written so far.</summary>
    public long PairCount { get; private set; }

    /// <inheritdoc />
    public async ValueTask WriteAsync(PromptResult result, CancellationToken cancellationToken)
    {
        foreach (var pair in result.Pairs) buffer.Add((pair, result.Source.Prompt.Kind, result.Source.Ticket.Position));
        if (buffer.Count >= RowGroupSize) await FlushBufferAsync(closeFile: false, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask FlushAsync(CancellationToken cancellationToken) => await FlushBufferAsync(closeFile: true, cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (current is not null)
        {
            foreach (var tmp in current.TempPaths.Values) File.Delete(tmp);
            current = null;
        }
        await ValueTask.CompletedTask;
    }

    private async Task FlushBufferAsync(bool closeFile, CancellationToken cancellationToken)
    {
        var offset = 0;
        while (offset < buffer.Count)
        {
            current ??= Open(buffer[offset].Pair.Round, buffer[offset].Position);
            var take = Math.Min(buffer.Count - offset, options.RowsPerFile - current.Rows);
            var slice = buffer.GetRange(offset, take);
            await AppendAsync(current, slice, cancellationToken);
            offset += take;
            if (current.Rows >= options.RowsPerFile) Close();
        }
        buffer.Clear();
        if (closeFile && current is not null) Close();
    }

    private async Task AppendAsync(OpenFile file, List<(PreferencePair Pair, PromptKind Kind, long Position)> rows, CancellationToken cancellationToken)
    {
        var writerOptions = PairFileLayout.WriterOptions(options.Compression, options.CompressionLevel);
        writerOptions.Append = file.Rows > 0;
        foreach (var (profile, tmp) in file.TempPaths)
        {
            await using var stream = new FileStream(tmp, file.Rows > 0 ? FileMode.Open : FileMode.Create, FileAccess.ReadWrite);
            await PairFileLayout.AppendAsync(stream, profile, rows.Select(r => (r.Pair, (PromptKind?)r.Kind)), writerOptions, cancellationToken);
        }
        file.Rows += rows.Count;
        PairCount += rows.Count;
    }

    private OpenFile Open(int round, long firstPosition)
    {
        var paths = new Dictionary<PairProfile, string>();
        foreach (var profile in options.Profiles)
        {
            var dir = PairFileLayout.RoundDirectory(PairFileLayout.ProfileDirectory(options.Dir, profile), round);
            Directory.CreateDirectory(dir);
            paths[profile] = Path.Combine(dir, PairFileLayout.FileName(round, sourceName, firstPosition) + ".tmp");
        }
        return new OpenFile(paths);
    }

    private void Close()
    {
        foreach (var tmp in current!.TempPaths.Values)
        {
            var final = tmp[..^".tmp".Length];
            File.Move(tmp, final, overwrite: true);
            written.Add(final);
        }
        current = null;
    }

    private static string Sanitize(string name)
    {
        var chars = name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray();
        return chars.Length == 0 ? "input" : new string(chars);
    }

    private sealed class OpenFile(Dictionary<PairProfile, string> tempPaths)
    {
        public Dictionary<PairProfile, string> TempPaths { get; } = tempPaths;

        public int Rows { get; set; }
    }
}
