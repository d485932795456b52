using static TorchSharp.torch;

namespace RlaifV.Models;

/// <summary>
/// Keys and values of every decoder layer for a batch being decoded, preallocated to a fixed capacity. The cache
/// owns its tensors (they live outside any dispose scope) and frees them on <see cref="Dispose"/>.
/// </summary>
public sealed class KvCache : IDisposable
{
    private readonly Tensor[] _keys;
    private readonly Tensor[] _values;

    /// <summary>Allocates [batch, kvHeads, capacity, headDim] buffers per layer.</summary>
    public KvCache(int layers, long batch, long kvHeads, long capacity, long headDim, ScalarType dtype, Device device)
    {
        Capacity = capacity;
        _keys = new Tensor[layers];
        _values = new Tensor[layers];
        for (int i = 0; i < layers; i++)
        {
            _keys[i] = zeros([batch, kvHeads, capacity, headDim], dtype, device).DetachFromDisposeScope();
            _values[i] = zeros([batch, kvHeads, capacity, headDim], dtype, device).DetachFromDisposeScope();
        }
    }

    private KvCache(Tensor[] keys, Tensor[] values, long capacity, long length)
    {
        _keys = keys;
        _values = values;
        Capacity = capacity;
        Length = length;
    }

    /// <summary>
    /// A new cache whose row i is a copy of this cache's row <paramref name="rows"/>[i] (same capacity and committed
    /// length): a prompt prefilled once serves the n rows that sample from it.
    /// </summary>
    public KvCache SelectRows(long[] rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var noGrad = no_grad();
        using var index = tensor(rows, device: _keys[0].device);
        var keys = _keys.Select(k => k.index_select(0, index).DetachFromDisposeScope()).ToArray();
        var values = _values.Select(v => v.index_select(0, index).DetachFromDisposeScope()).ToArray();
        return new KvCache(keys, values, Capacity, Length);
    }

    /// <summary>Positions the cache can hold.</summary>
    public long Capacity { get; }

    /// <summary>Positions already committed.</summary>
    public long Length { get; private set; }

    /// <summary>
    /// Writes a layer's new keys/values ([B, kvHeads, n, D]) after the committed positions and returns views of
    /// everything so far (committed + new). Call <see cref="Advance"/> once all layers have appended.
    /// </summary>
    public (Tensor Keys, Tensor Values) Append(int layer, Tensor keys, Tensor values)
    {
        long n = keys.shape[2];
        if (Length + n > Capacity)
        {
            throw new InvalidOperationException($"KV cache capacity {Capacity} exceeded (length {Length} + {n}).");
        }

        using (no_grad())
        {
            _keys[layer].narrow(2, Length, n).copy_(keys);
            _values[layer].narrow(2, Length, n).copy_(values);
        }

        return (_keys[layer].narrow(2, 0, Length + n), _values[layer].narrow(2, 0, Length + n));
    }

    /// <summary>Commits <paramref name="n"/> positions written by the last <see cref="Append"/> of every layer.</summary>
    public void Advance(long n) => Length += n;

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var t in _keys.Concat(_values))
        {
            t.Dispose();
        }
    }
}
