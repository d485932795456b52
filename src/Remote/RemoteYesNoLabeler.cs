using System.Globalization;
using RlaifV.Schemas;
using RlaifV.Schemas.ChatApi;
using RlaifV.Stages.Ports;

namespace RlaifV.Remote;

/// <summary>
/// <see cref="IYesNoLabeler"/> on an OpenAI-compatible server: each question with its image, <c>max_tokens: 1</c>,
/// greedy, <c>logprobs: true</c> and <c>top_logprobs</c> (up to 20). P(yes) is Σ exp(logprob) over the returned first
/// tokens whose text, trimmed (a tokenizer's word-start marker too) and lower-cased, is "yes" (P(no) the same for "no");
/// the stage accepts a claim iff
/// P(yes) &gt; P(no), the in-process rule. Unlike in-process, where the ids of "yes"/"Yes"/"no"/"No" come from the labeler's
/// tokenizer, every spelling the server returns counts (" yes" and "yes" are both "yes"), and only the
/// <c>top_logprobs</c> most likely tokens are seen. An answer without log-probs, or with neither "yes" nor "no" among
/// them, is this question's error naming the server and model, never a silent "no".
/// </summary>
public sealed class RemoteYesNoLabeler : IYesNoLabeler
{
    private readonly ChatCompletionsClient client;
    private readonly ResultMemo<YesNoProbabilities> memo = new();

    /// <summary>Tokenizer word-start markers a server may leave in a token's text (SentencePiece "▁", byte-level BPE "Ġ").</summary>
    private static readonly char[] WordMarkers = ['\u2581', '\u0120'];

    /// <summary>Creates the labeler.</summary>
    public RemoteYesNoLabeler(ChatCompletionsClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        this.client = client;
        ModelId = ModelNames.ForRound(client.Model, 0);
    }

    /// <inheritdoc />
    public string ModelId { get; }

    /// <inheritdoc />
    public Task<IReadOnlyList<YesNoProbabilities>> ProbeAsync(IReadOnlyList<YesNoRequest> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return memo.RunAsync(batch, r => ChatRequests.Key(r.Image.Sha256, r.Question), async (r, ct) =>
        {
            var body = ChatRequests.Body(ModelId, r.Question, r.Image);
            body["max_tokens"] = 1;
            body["temperature"] = 0.0;
            body["logprobs"] = true;
            body["top_logprobs"] = client.Options.TopLogprobs;
            var completion = await client.CompleteAsync(body, ct);
            return Answer(completion);
        }, cancellationToken);
    }

    /// <summary>P(yes) and P(no) from an answer's first-position log-probs (lower-case spellings as yes/no, others as Yes/No).</summary>
    public YesNoProbabilities Answer(ChatCompletion completion)
    {
        ArgumentNullException.ThrowIfNull(completion);
        var choice = completion.Choices is { Count: > 0 } choices ? choices[0] : null;
        var first = choice?.Logprobs?.Content is { Count: > 0 } content ? content[0] : null;
        if (first is null)
        {
            client.CountMalformed();
            throw new InputRejectedException(DeadLetterReasons.BadModelOutput,
                $"{client.Describe(ModelId)} returned no logprobs for this question; the labeler needs logprobs with top_logprobs (a server that ignores them cannot label)");
        }
        var tokens = new List<(string Token, double LogProb)>();
        foreach (var top in first.TopLogprobs ?? [])
            tokens.Add((top.Token ?? string.Empty, top.Logprob));
        if (!tokens.Any(t => t.Token == first.Token)) tokens.Add((first.Token ?? string.Empty, first.Logprob));
        double yes = 0, yesOther = 0, no = 0, noOther = 0;
        foreach (var (token, logProb) in tokens)
        {
            var word = token.Trim().Trim(WordMarkers).Trim();
            var p = Math.Exp(logProb);
            if (word.Equals("yes", StringComparison.OrdinalIgnoreCase))
            {
                if (word == "yes") yes += p; else yesOther += p;
            }
            else if (word.Equals("no", StringComparison.OrdinalIgnoreCase))
            {
                if (word == "no") no += p; else noOther += p;
            }
        }
        if (yes + yesOther + no + noOther <= 0)
        {
            client.CountMalformed();
            throw new InputRejectedException(DeadLetterReasons.BadModelOutput, string.Create(CultureInfo.InvariantCulture,
                $"{client.Describe(ModelId)}: neither \"yes\" nor \"no\" is among the {tokens.Count} most likely first tokens ({string.Join(", ", tokens.Take(5).Select(t => $"'{t.Token}'"))}…); the question cannot be judged"));
        }
        return new YesNoProbabilities(yes, yesOther, no, noOther);
    }
}
