using RlaifV.Stages.Ports;
using TorchSharp;
using static TorchSharp.torch;

namespace RlaifV.Models;

/// <summary>
/// Turns last-position logits into one token per row: repetition penalty (CTRL, over prompt and generated ids),
/// then greedy argmax, or temperature, top-k, top-p (batched on the device) and a draw from each row's own stream.
/// Scalars are created once per generation call (no implicit conversions in the decoding loop).
/// </summary>
internal sealed class LogitsProcessor : IDisposable
{
    private readonly GenerationSettings _settings;
    private readonly int _vocab;
    private readonly Device _device;
    private readonly bool _greedy;
    private readonly Scalar _temperature;
    private readonly Scalar _penalty;
    private readonly Scalar _topP;
    private readonly Scalar _zero;
    private readonly Scalar _negInf;
    private Tensor? _seen;

    public LogitsProcessor(GenerationSettings settings, int vocab, Device device)
    {
        _settings = settings;
        _vocab = vocab;
        _device = device;
        _greedy = settings.Temperature <= 0;
        _temperature = (_greedy ? 1.0 : settings.Temperature).ToScalar();
        _penalty = settings.RepetitionPenalty.ToScalar();
        _topP = settings.TopP.ToScalar();
        _zero = 0.0.ToScalar();
        _negInf = double.NegativeInfinity.ToScalar();
    }

    private bool UsesPenalty => Math.Abs(_settings.RepetitionPenalty - 1.0) > 1e-12;

    /// <summary>
    /// Marks the prompt's ids (row-major [rows, ids.Length / rows]) as seen, only where <paramref name="valid"/> is true:
    /// padding is not a token of the row, so a row's penalties (and output) never depend on its batch neighbours' lengths.
    /// </summary>
    public void MarkSeen(long[] ids, bool[] valid, int rows)
    {
        if (!UsesPenalty)
        {
            return;
        }

        var seen = new bool[rows * _vocab];
        int width = ids.Length / rows;
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < width; j++)
            {
                long id = ids[(r * width) + j];
                if (valid[(r * width) + j] && id >= 0 && id < _vocab)
                {
                    seen[(r * _vocab) + id] = true;
                }
            }
        }

        _seen = tensor(seen, [rows, _vocab], device: _device).DetachFromDisposeScope();
    }

    /// <summary>Keeps only the given rows (in that order) of the per-row state, as the decode batch drops finished rows.</summary>
    public void SelectRows(long[] rows)
    {
        if (_seen is null)
        {
            return;
        }

        using var index = tensor(rows, device: _device);
        var kept = _seen.index_select(0, index).DetachFromDisposeScope();
        _seen.Dispose();
        _seen = kept;
    }

    /// <summary>Marks each row's newly generated id as seen.</summary>
    public void MarkSeen(int[] next)
    {
        if (_seen is null)
        {
            return;
        }

        using var scope = NewDisposeScope();
        using var index = tensor(next.Select(x => (long)Math.Clamp(x, 0, _vocab - 1)).ToArray(), [next.Length, 1], device: _device);
        using var ones = torch.ones([next.Length, 1], ScalarType.Bool, _device);
        _seen.scatter_(1, index, ones);
    }

    public int[] Choose(Tensor logits, RowRng[] rngs)
    {
        using var scope = NewDisposeScope();
        int rows = (int)logits.shape[0];
        if (_seen is not null)
        {
            var penalized = where(logits.gt(_zero), logits.div(_penalty), logits.mul(_penalty));
            logits = where(_seen, penalized, logits);
        }

        if (_greedy)
        {
            return logits.argmax(-1).cpu().data<long>().ToArray().Select(x => (int)x).ToArray();
        }

        logits = logits.div(_temperature);
        if (_settings.TopK > 0 && _settings.TopK < _vocab)
        {
            var kth = logits.topk(_settings.TopK).values.narrow(1, _settings.TopK - 1, 1);
            logits = logits.masked_fill(logits.lt(kth), _negInf);
        }

        if (_settings.TopP < 1.0)
        {
            var (sorted, order) = logits.sort(-1, descending: true);
            var probsSorted = sorted.softmax(-1);
            var massBefore = probsSorted.cumsum(-1).sub(probsSorted);
            var removeSorted = massBefore.ge(_topP);
            var remove = zeros_like(removeSorted).scatter(1, order, removeSorted);
            logits = logits.masked_fill(remove, _negInf);
        }

        var probs = logits.softmax(-1).cpu().data<float>().ToArray();
        var chosen = new int[rows];
        for (int r = 0; r < rows; r++)
        {
            double u = rngs[r].NextDouble();
            double cumulative = 0;
            int pick = -1, lastPositive = 0;
            for (int v = 0; v < _vocab; v++)
            {
                float p = probs[(r * _vocab) + v];
                if (p <= 0)
                {
                    continue;
                }

                lastPositive = v;
                cumulative += p;
                if (u < cumulative)
                {
                    pick = v;
                    break;
                }
            }

            chosen[r] = pick >= 0 ? pick : lastPositive;
        }

        return chosen;
    }

    public void Dispose()
    {
        _seen?.Dispose();
        _temperature.Dispose();
        _penalty.Dispose();
        _topP.Dispose();
        _zero.Dispose();
        _negInf.Dispose();
    }
}
