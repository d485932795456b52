using RlaifV.Stages.Ports;

namespace RlaifV.Models;

/// <summary>
/// <see cref="ILogProbScorer"/> over a loaded LLaVA checkpoint: log-probs of each response's tokens (end-of-turn
/// included, prompt excluded) given the templated prompt and image, batched.
/// </summary>
public sealed class LlavaLogProbScorer : ILogProbScorer
{
    private readonly LlavaBackend _backend;

    /// <summary>Creates the scorer over <paramref name="backend"/>.</summary>
    public LlavaLogProbScorer(LlavaBackend backend) => _backend = backend;

    /// <inheritdoc />
    public string ModelId => _backend.ModelId;

    /// <inheritdoc />
    public Task<IReadOnlyList<ResponseLogProbs>> ScoreAsync(IReadOnlyList<LogProbRequest> batch, CancellationToken cancellationToken) =>
        _backend.RunExclusiveAsync<IReadOnlyList<ResponseLogProbs>>(
            () =>
            {
                var results = new List<ResponseLogProbs>(batch.Count);
                foreach (var chunk in batch.Chunk(_backend.Options.BatchSize))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var prompts = chunk.Select(r => _backend.EncodePrompt(r.Instruction, r.Image)).ToList();
                    var responses = chunk.Select(r => _backend.EncodeResponse(r.Response)).ToList();
                    results.AddRange(_backend.Engine.ScoreResponses(prompts, responses));
                }

                return results;
            },
            cancellationToken);
}
