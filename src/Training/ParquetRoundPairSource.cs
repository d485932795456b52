using System.Globalization;
using System.Runtime.CompilerServices;
using RlaifV.Schemas;
using RlaifV.Schemas.Datasets;

namespace RlaifV.Training;

/// <summary>
/// Reads round r's pairs from the "rlaifv" Parquet profile the generator writes:
/// <c>{pairs dir}/round-NNNN/*.parquet</c> (<see cref="PairFileLayout"/>), files in name order, rows in file order, as
/// <see cref="RlaifvPairRow"/>s. A file that cannot be read stops the round with a <see cref="TrainingException"/> naming the
/// file: a damaged file is not one bad pair, and training on the rest would silently drop a whole file of the round.
/// </summary>
public sealed class ParquetRoundPairSource : IRoundPairSource
{
    /// <summary>Creates the source over the profile's folder (e.g. <c>out/pairs/rlaifv</c>).</summary>
    public ParquetRoundPairSource(string pairsDirectory) => PairsDirectory = pairsDirectory;

    /// <summary>The profile's folder.</summary>
    public string PairsDirectory { get; }

    /// <summary>The folder of round <paramref name="round"/>.</summary>
    public string RoundDirectory(int round) => PairFileLayout.RoundDirectory(PairsDirectory, round);

    /// <inheritdoc />
    public string Describe(int round) => RoundDirectory(round);

    /// <inheritdoc />
    public async IAsyncEnumerable<RoundPairRecord> ReadAsync(int round, Action<DeadLetter> deadLetter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string dir = RoundDirectory(round);
        if (!Directory.Exists(dir))
        {
            throw new TrainingException($"Round {round} has no pairs folder {dir}: run 'rlaifv generate --round {round}' first (or point output.dir at the generator's output).");
        }

        foreach (string file in Directory.GetFiles(dir, "*.parquet").Order(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            IList<RlaifvPairRow> rows;
            try
            {
                rows = await RlaifvDataset.ReadAsync(file, cancellationToken);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException or InvalidOperationException or ArgumentException)
            {
                throw new TrainingException($"Round {round}'s pairs file {file} cannot be read ({e.GetType().Name}: {e.Message}); repair or remove it (a rerun of the round's generation rewrites it), then train again.", e);
            }

            for (int i = 0; i < rows.Count; i++)
            {
                var r = rows[i];
                yield return new RoundPairRecord
                {
                    PairId = r.PairId,
                    Round = r.Round ?? -1,
                    Question = r.Question,
                    Chosen = r.Chosen,
                    Rejected = r.Rejected,
                    ImageBytes = r.Image?.Bytes,
                    ImagePath = r.Image?.Path,
                    ImageSha256 = r.ImageSha256,
                    ChosenWords = r.ChosenWords ?? 0,
                    RejectedWords = r.RejectedWords ?? 0,
                    Logps = r.Logps,
                    LogpsReferenceSha256 = r.LogpsReferenceSha256,
                    Origin = string.Create(CultureInfo.InvariantCulture, $"{file}#{i}"),
                };
            }
        }
    }
}
