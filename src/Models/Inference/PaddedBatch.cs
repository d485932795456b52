namespace RlaifV.Models;

/// <summary>Rows left-padded to one length, with real-token positions (0, 1, ... from each row's first real token).</summary>
internal sealed class PaddedBatch
{
    private PaddedBatch(int rows, int length, long[] ids, bool[] valid, long[] positions, int[] lengths, IReadOnlyList<float[]?> pixels)
    {
        Rows = rows;
        Length = length;
        Ids = ids;
        Valid = valid;
        Positions = positions;
        Lengths = lengths;
        Pixels = pixels;
    }

    public int Rows { get; }

    public int Length { get; }

    public long[] Ids { get; }

    public bool[] Valid { get; }

    public long[] Positions { get; }

    public int[] Lengths { get; }

    public IReadOnlyList<float[]?> Pixels { get; }

    public static PaddedBatch Create(IReadOnlyList<TokenizedPrompt> rows, int padId)
    {
        int b = rows.Count;
        int t = rows.Max(r => r.TokenIds.Count);
        if (t == 0)
        {
            throw new ArgumentException("Every row needs at least one token.", nameof(rows));
        }

        var ids = new long[b * t];
        var valid = new bool[b * t];
        var positions = new long[b * t];
        var lengths = new int[b];
        for (int r = 0; r < b; r++)
        {
            var row = rows[r].TokenIds;
            if (row.Count == 0)
            {
                throw new ArgumentException($"Row {r} has no tokens.", nameof(rows));
            }

            int pad = t - row.Count;
            lengths[r] = row.Count;
            for (int j = 0; j < t; j++)
            {
                bool real = j >= pad;
                ids[(r * t) + j] = real ? row[j - pad] : padId;
                valid[(r * t) + j] = real;
                positions[(r * t) + j] = real ? j - pad : 0;
            }
        }

        return new PaddedBatch(b, t, ids, valid, positions, lengths, rows.Select(r => r.Pixels).ToList());
    }

    /// <summary>Key validity [B, Length + extra]: the prompt's real tokens, then <paramref name="extra"/> generated positions (always real).</summary>
    public bool[] KeyValid(int extra)
    {
        int width = Length + extra;
        var result = new bool[Rows * width];
        for (int r = 0; r < Rows; r++)
        {
            Array.Copy(Valid, r * Length, result, r * width, Length);
            for (int j = Length; j < width; j++)
            {
                result[(r * width) + j] = true;
            }
        }

        return result;
    }

    /// <summary>Positions [B, Length + extra], generated positions continuing each row's count.</summary>
    public long[] PositionsExtended(int extra)
    {
        int width = Length + extra;
        var result = new long[Rows * width];
        for (int r = 0; r < Rows; r++)
        {
            Array.Copy(Positions, r * Length, result, r * width, Length);
            for (int j = 0; j < extra; j++)
            {
                result[(r * width) + Length + j] = Lengths[r] + j;
            }
        }

        return result;
    }

    /// <summary>Each row's last real position (length - 1).</summary>
    public long[] LastPositions() => Lengths.Select(l => (long)(l - 1)).ToArray();
}
