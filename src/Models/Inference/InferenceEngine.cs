using RlaifV.Stages.Ports;
using static TorchSharp.torch;

namespace RlaifV.Models;

/// <summary>
/// Batched forward passes over a Llama (optionally inside LLaVA): sampling with a KV cache, next-token
/// probabilities (yes/no probing) and response log-probs. Rows are left-padded; positions count only real tokens and
/// padding is masked, so a row gives the same result alone or in a batch (up to float rounding). Every forward runs in
/// a dispose scope; sampling draws each row from its own seeded stream.
/// </summary>
public sealed class InferenceEngine
{
    /// <summary>Creates an engine over a text-only Llama.</summary>
    public InferenceEngine(LlamaForCausalLM languageModel, int padId)
    {
        LanguageModel = languageModel;
        PadId = padId;
    }

    /// <summary>Creates an engine over LLaVA (rows may carry images).</summary>
    public InferenceEngine(LlavaForConditionalGeneration llava, int padId)
        : this(llava.LanguageModel, padId) => Llava = llava;

    /// <summary>The language model.</summary>
    public LlamaForCausalLM LanguageModel { get; }

    /// <summary>The multimodal model, when there is one.</summary>
    public LlavaForConditionalGeneration? Llava { get; }

    /// <summary>Id written into padding positions (always masked).</summary>
    public int PadId { get; }

    private Device Device => LanguageModel.Model.EmbedTokens.weight!.device;

    /// <summary>
    /// Generates for every row. Temperature 0 is greedy; otherwise repetition penalty, temperature, top-k and top-p
    /// apply in that order (as Hugging Face does) and each row draws from its own stream seeded with its
    /// <see cref="TokenizedPrompt.Seed"/>. A row ends at its first stop id. With <paramref name="useCache"/> false every
    /// step recomputes the whole sequence (the reference for the cache, and the benchmark's baseline). With
    /// <paramref name="topLogProbs"/> ≥ 0 every step records the chosen token's log-prob and that many most likely tokens'
    /// (<see cref="GenerationResult.LogProbs"/>).
    /// </summary>
    public GenerationResult Generate(IReadOnlyList<TokenizedPrompt> rows, GenerationSettings settings, IReadOnlyCollection<int> stopIds, bool useCache = true, bool recordLogits = false, int topLogProbs = -1)
    {
        ArgumentOutOfRangeException.ThrowIfZero(rows.Count);
        using var noGrad = no_grad();
        int b = rows.Count, maxNew = Math.Max(0, settings.MaxNewTokens);
        var batch = PaddedBatch.Create(rows, PadId);
        var stops = new HashSet<int>(stopIds);
        var rngs = rows.Select(r => new RowRng(r.Seed)).ToArray();
        var generated = Enumerable.Range(0, b).Select(_ => new List<int>()).ToArray();
        var stopped = new bool[b];
        var stepLogits = recordLogits ? Enumerable.Range(0, b).Select(_ => new List<float[]>()).ToArray() : null;
        var stepLogProbs = topLogProbs >= 0 ? Enumerable.Range(0, b).Select(_ => new List<TokenLogProbs>()).ToArray() : null;
        if (maxNew == 0)
        {
            return new GenerationResult(generated.Select(g => g.ToArray()).ToList(), stopped, stepLogits) { LogProbs = stepLogProbs };
        }

        using var processor = new LogitsProcessor(settings, LanguageModel.Config.VocabSize, Device);
        using var allValid = tensor(batch.KeyValid(maxNew), [b, batch.Length + maxNew], device: Device);
        // Rows with the same prompt (the n candidates of one prompt differ only in their seed) are prefilled once: the
        // prompt's keys/values and last hidden state are then copied to each of its rows.
        var (distinct, rowOf) = useCache ? DistinctPrompts(rows) : (rows, null);
        KvCache? cache = null;
        Tensor? promptEmbeds = null, liveValid = null;
        processor.MarkSeen(batch.Ids, batch.Valid, b);
        try
        {
            int[] next;
            using (var scope = NewDisposeScope())
            {
                var prefill = rowOf is null ? batch : PaddedBatch.Create(distinct, PadId);
                int u = prefill.Rows;
                cache = useCache ? LanguageModel.CreateCache(u, batch.Length + maxNew) : null;
                var embeds = Embed(prefill);
                if (!useCache)
                {
                    promptEmbeds = embeds.detach().DetachFromDisposeScope();
                }

                using var positions = tensor(prefill.Positions, [u, prefill.Length], device: Device);
                using var prefillValid = tensor(prefill.KeyValid(0), [u, prefill.Length], device: Device);
                var mask = AttentionMask(prefillValid, prefill.Length, 0);
                var last = LanguageModel.Hidden(embeds, positions, mask, cache).select(1, prefill.Length - 1);
                if (rowOf is not null)
                {
                    var shared = cache!;
                    cache = shared.SelectRows(rowOf);
                    shared.Dispose();
                    using var index = tensor(rowOf, device: Device);
                    last = last.index_select(0, index);
                }

                next = Choose(last, processor, rngs, stepLogits, stepLogProbs, topLogProbs);
            }

            var lastPosition = batch.LastPositions();
            var sequenceIds = new List<int[]>();
            // With the cache, rows that have stopped are dropped from the decode batch once they are a quarter of it
            // (a batch of short answers and long descriptions otherwise decodes every row to the longest). Each row
            // draws from its own stream, so dropping others never changes what a row samples.
            var live = Enumerable.Range(0, b).ToArray();
            var liveRngs = rngs;
            var liveLogits = stepLogits;
            var liveLogProbs = stepLogProbs;
            liveValid = allValid.alias().DetachFromDisposeScope();
            for (int step = 0; ; step++)
            {
                var feed = new long[live.Length];
                for (int i = 0; i < live.Length; i++)
                {
                    int r = live[i];
                    if (!stopped[r])
                    {
                        if (stops.Contains(next[i]))
                        {
                            stopped[r] = true;
                        }
                        else
                        {
                            generated[r].Add(next[i]);
                        }
                    }

                    feed[i] = next[i];
                    lastPosition[r]++;
                }

                if (step + 1 >= maxNew || stopped.All(s => s))
                {
                    break;
                }

                processor.MarkSeen(next);
                sequenceIds.Add(feed.Select(x => (int)x).ToArray());
                using var scope = NewDisposeScope();
                long total = batch.Length + step + 1;
                if (cache is not null)
                {
                    int stoppedLive = live.Count(r => stopped[r]);
                    if (stoppedLive > 0 && stoppedLive * 4 >= live.Length)
                    {
                        var keep = Enumerable.Range(0, live.Length).Where(i => !stopped[live[i]]).ToArray();
                        var keepIds = keep.Select(i => (long)i).ToArray();
                        var compacted = cache.SelectRows(keepIds);
                        cache.Dispose();
                        cache = compacted;
                        using (var index = tensor(keepIds, device: Device))
                        {
                            var valid = liveValid!.index_select(0, index).DetachFromDisposeScope();
                            liveValid.Dispose();
                            liveValid = valid;
                        }

                        processor.SelectRows(keepIds);
                        feed = keep.Select(i => feed[i]).ToArray();
                        liveRngs = keep.Select(i => liveRngs[i]).ToArray();
                        liveLogits = liveLogits is null ? null : keep.Select(i => liveLogits[i]).ToArray();
                        liveLogProbs = liveLogProbs is null ? null : keep.Select(i => liveLogProbs[i]).ToArray();
                        live = keep.Select(i => live[i]).ToArray();
                    }

                    using var ids = tensor(feed, [live.Length, 1], device: Device);
                    using var positions = tensor(live.Select(r => lastPosition[r]).ToArray(), [live.Length, 1], device: Device);
                    var mask = AttentionMask(liveValid!.narrow(1, 0, total), 1, total - 1);
                    var hidden = LanguageModel.Hidden(LanguageModel.Embed(ids), positions, mask, cache);
                    next = Choose(hidden.select(1, 0), processor, liveRngs, liveLogits, liveLogProbs, topLogProbs);
                }
                else
                {
                    var genIds = new long[b * sequenceIds.Count];
                    for (int r = 0; r < b; r++)
                    {
                        for (int s = 0; s < sequenceIds.Count; s++)
                        {
                            genIds[(r * sequenceIds.Count) + s] = sequenceIds[s][r];
                        }
                    }

                    using var ids = tensor(genIds, [b, sequenceIds.Count], device: Device);
                    var embeds = cat([promptEmbeds!, LanguageModel.Embed(ids)], 1);
                    using var positions = tensor(batch.PositionsExtended(sequenceIds.Count), [b, total], device: Device);
                    var mask = AttentionMask(allValid.narrow(1, 0, total), total, 0);
                    var hidden = LanguageModel.Hidden(embeds, positions, mask, null);
                    next = Choose(hidden.select(1, total - 1), processor, rngs, stepLogits, stepLogProbs, topLogProbs);
                }
            }
        }
        finally
        {
            promptEmbeds?.Dispose();
            cache?.Dispose();
            liveValid?.Dispose();
        }

        var tokens = generated.Select(g => g.ToArray()).ToList();
        // A row's log-probs cover its generated tokens and the stop token it ended on (steps after a stop are dropped).
        var logProbs = stepLogProbs?.Select((steps, r) => (IReadOnlyList<TokenLogProbs>)steps.Take(tokens[r].Length + (stopped[r] ? 1 : 0)).ToList()).ToList();
        return new GenerationResult(tokens, stopped, stepLogits) { LogProbs = logProbs };
    }

    /// <summary>
    /// The distinct prompts among <paramref name="rows"/> (same token ids and the same pixel array) and, for each row,
    /// the index of its prompt; null map when every row is distinct.
    /// </summary>
    private static (IReadOnlyList<TokenizedPrompt> Distinct, long[]? RowOf) DistinctPrompts(IReadOnlyList<TokenizedPrompt> rows)
    {
        var distinct = new List<TokenizedPrompt>();
        var rowOf = new long[rows.Count];
        for (int r = 0; r < rows.Count; r++)
        {
            int found = distinct.FindIndex(d => ReferenceEquals(d.Pixels, rows[r].Pixels) && d.TokenIds.SequenceEqual(rows[r].TokenIds));
            if (found < 0)
            {
                found = distinct.Count;
                distinct.Add(rows[r]);
            }

            rowOf[r] = found;
        }

        return distinct.Count == rows.Count ? (rows, null) : (distinct, rowOf);
    }

    /// <summary>
    /// Probabilities of <paramref name="tokenIds"/> at the position after each row's last token, each from one softmax
    /// over the whole vocabulary (float32). Result: [row][token].
    /// </summary>
    public double[][] NextTokenProbabilities(IReadOnlyList<TokenizedPrompt> rows, IReadOnlyList<int> tokenIds)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var batch = PaddedBatch.Create(rows, PadId);
        var hidden = Forward(batch);
        var logits = LanguageModel.Head(hidden.select(1, batch.Length - 1)).to_type(ScalarType.Float32);
        using var index = tensor(tokenIds.Select(i => (long)i).ToArray(), device: Device);
        var probs = logits.softmax(-1).index_select(1, index).cpu();
        var flat = probs.data<float>().ToArray();
        return Enumerable.Range(0, rows.Count).Select(r => Enumerable.Range(0, tokenIds.Count).Select(k => (double)flat[(r * tokenIds.Count) + k]).ToArray()).ToArray();
    }

    /// <summary>Float32 logits [B, T, vocab] of every (left-padded) position; the caller disposes the tensor.</summary>
    public Tensor Logits(IReadOnlyList<TokenizedPrompt> rows)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var batch = PaddedBatch.Create(rows, PadId);
        return LanguageModel.Head(Forward(batch)).to_type(ScalarType.Float32).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Per-token log-probs of each response given its prompt, as tensors that carry gradients when autograd is on
    /// (the DPO trainer's entry point): LogProbs [B, R] (float32, R = longest response) and Mask [B, R] (true on the
    /// row's response tokens, which are right-aligned). Responses must be non-empty id lists (end-of-turn included).
    /// </summary>
    public (Tensor LogProbs, Tensor Mask) ResponseTokenLogProbs(IReadOnlyList<TokenizedPrompt> prompts, IReadOnlyList<IReadOnlyList<int>> responses)
    {
        if (prompts.Count != responses.Count || responses.Any(r => r.Count == 0))
        {
            throw new ArgumentException("Each prompt needs one non-empty response.", nameof(responses));
        }

        using var scope = NewDisposeScope();
        var rows = prompts.Select((p, i) => p with { TokenIds = p.TokenIds.Concat(responses[i]).ToList() }).ToList();
        var batch = PaddedBatch.Create(rows, PadId);
        int b = rows.Count, rMax = responses.Max(r => r.Count);
        long t = batch.Length;
        var hidden = Forward(batch).narrow(1, t - rMax - 1, rMax);
        var logProbs = LanguageModel.Head(hidden).to_type(ScalarType.Float32).log_softmax(-1);
        using var targets = tensor(batch.Ids, [b, t], device: Device);
        var picked = logProbs.gather(2, targets.narrow(1, t - rMax, rMax).unsqueeze(-1)).squeeze(-1);
        var maskValues = new bool[b * rMax];
        for (int r = 0; r < b; r++)
        {
            for (int j = rMax - responses[r].Count; j < rMax; j++)
            {
                maskValues[(r * rMax) + j] = true;
            }
        }

        var mask = tensor(maskValues, [b, rMax], device: Device);
        using var zeros = zeros_like(picked);
        picked = where(mask, picked, zeros);
        return (picked.MoveToOuterDisposeScope(), mask.MoveToOuterDisposeScope());
    }

    /// <summary>Summed and per-token log-probs (nats) of each response, computed without gradients.</summary>
    public IReadOnlyList<ResponseLogProbs> ScoreResponses(IReadOnlyList<TokenizedPrompt> prompts, IReadOnlyList<IReadOnlyList<int>> responses)
    {
        using var noGrad = no_grad();
        var (logProbs, mask) = ResponseTokenLogProbs(prompts, responses);
        using (logProbs)
        using (mask)
        using (var cpu = logProbs.cpu())
        {
            var flat = cpu.data<float>().ToArray();
            int rMax = (int)logProbs.shape[1];
            var result = new List<ResponseLogProbs>(prompts.Count);
            for (int r = 0; r < prompts.Count; r++)
            {
                int n = responses[r].Count;
                var perToken = new float[n];
                Array.Copy(flat, (r * rMax) + rMax - n, perToken, 0, n);
                result.Add(new ResponseLogProbs(perToken.Sum(x => (double)x), perToken));
            }

            return result;
        }
    }

    /// <summary>Final hidden states [B, T, hidden] of a padded batch (differentiable).</summary>
    private Tensor Forward(PaddedBatch batch)
    {
        using var scope = NewDisposeScope();
        var embeds = Embed(batch);
        using var positions = tensor(batch.Positions, [batch.Rows, batch.Length], device: Device);
        using var valid = tensor(batch.KeyValid(0), [batch.Rows, batch.Length], device: Device);
        var mask = AttentionMask(valid, batch.Length, 0);
        return LanguageModel.Hidden(embeds, positions, mask, null).MoveToOuterDisposeScope();
    }

    private Tensor Embed(PaddedBatch batch)
    {
        using var scope = NewDisposeScope();
        using var ids = tensor(batch.Ids, [batch.Rows, batch.Length], device: Device);
        if (Llava is null)
        {
            if (batch.Pixels.Any(p => p is not null))
            {
                throw new ArgumentException("This model has no vision tower; rows must not carry images.");
            }

            return LanguageModel.Embed(ids).MoveToOuterDisposeScope();
        }

        Tensor? features = null;
        // Rows that share one pixel array (n candidates of a prompt) share one pass through the vision tower.
        var withImage = batch.Pixels.Where(p => p is not null).Select(p => p!).ToList();
        var images = withImage.Distinct(ReferenceEqualityComparer.Instance).Cast<float[]>().ToList();
        if (images.Count > 0)
        {
            int side = Llava.Config.VisionConfig.ImageSize;
            var flat = new float[images.Count * 3 * side * side];
            for (int i = 0; i < images.Count; i++)
            {
                if (images[i].Length != 3 * side * side)
                {
                    throw new ArgumentException($"Image {i} has {images[i].Length} values; the vision tower needs 3×{side}×{side}.");
                }

                images[i].CopyTo(flat, i * 3 * side * side);
            }

            using var pixels = tensor(flat, [images.Count, 3, side, side], device: Device);
            features = Llava.EncodeImages(pixels);
            if (images.Count < withImage.Count)
            {
                using var map = tensor(withImage.Select(p => (long)images.FindIndex(u => ReferenceEquals(u, p))).ToArray(), device: Device);
                features = features.index_select(0, map);
            }
        }

        return Llava.EmbedInputs(ids, features).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Boolean mask [B, 1, Tq, Tk]: query i (absolute position past + i) may attend key j iff j ≤ past + i and key j
    /// is a real token — or j is the query itself, so padding rows never see an empty softmax (no NaN).
    /// </summary>
    private Tensor AttentionMask(Tensor keyValid, long queryLength, long past)
    {
        using var scope = NewDisposeScope();
        long keys = keyValid.shape[1];
        using var keyIndex = tensor(Enumerable.Range(0, (int)keys).Select(i => (long)i).ToArray(), device: Device).unsqueeze(0);
        using var queryIndex = tensor(Enumerable.Range(0, (int)queryLength).Select(i => past + i).ToArray(), device: Device).unsqueeze(1);
        var causal = keyIndex.le(queryIndex);
        var self = keyIndex.eq(queryIndex);
        var mask = keyValid.unsqueeze(1).logical_or(self.unsqueeze(0)).logical_and(causal.unsqueeze(0)).unsqueeze(1);
        return mask.MoveToOuterDisposeScope();
    }

    private int[] Choose(Tensor lastHidden, LogitsProcessor processor, RowRng[] rngs, List<float[]>[]? stepLogits, List<TokenLogProbs>[]? stepLogProbs, int topLogProbs)
    {
        using var scope = NewDisposeScope();
        var logits = LanguageModel.Head(lastHidden).to_type(ScalarType.Float32);
        if (stepLogProbs is not null)
        {
            var chosen = processor.Choose(logits, rngs);
            RecordLogProbs(logits, chosen, stepLogProbs, topLogProbs);
            if (stepLogits is not null)
            {
                RecordLogits(logits, stepLogits);
            }

            return chosen;
        }

        if (stepLogits is not null)
        {
            RecordLogits(logits, stepLogits);
        }

        return processor.Choose(logits, rngs);
    }

    private static void RecordLogits(Tensor logits, List<float[]>[] stepLogits)
    {
        var flat = logits.cpu().data<float>().ToArray();
        int v = (int)logits.shape[1];
        for (int r = 0; r < stepLogits.Length; r++)
        {
            stepLogits[r].Add(flat.AsSpan(r * v, v).ToArray());
        }
    }

    /// <summary>Appends each row's chosen-token log-prob and its <paramref name="top"/> most likely tokens (one log-softmax of the raw logits).</summary>
    private void RecordLogProbs(Tensor logits, int[] chosen, List<TokenLogProbs>[] stepLogProbs, int top)
    {
        using var scope = NewDisposeScope();
        int rows = chosen.Length;
        int k = Math.Min(top, (int)logits.shape[1]);
        var logProbs = logits.log_softmax(-1);
        using var index = tensor(chosen.Select(c => (long)c).ToArray(), [rows, 1], device: Device);
        var picked = logProbs.gather(1, index).cpu().data<float>().ToArray();
        float[] topValues = [];
        long[] topIds = [];
        if (k > 0)
        {
            var (values, ids) = logProbs.topk(k, dim: -1);
            topValues = values.cpu().data<float>().ToArray();
            topIds = ids.cpu().data<long>().ToArray();
        }

        for (int r = 0; r < rows; r++)
        {
            var best = new TopLogProb[k];
            for (int j = 0; j < k; j++)
            {
                best[j] = new TopLogProb((int)topIds[(r * k) + j], topValues[(r * k) + j]);
            }

            stepLogProbs[r].Add(new TokenLogProbs(chosen[r], picked[r], best));
        }
    }
}
