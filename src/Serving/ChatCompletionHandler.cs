using System.Globalization;
using System.Text;
using System.Text.Json;
using RlaifV.Models;
using RlaifV.Schemas.ChatApi;
using RlaifV.Stages.Ports;
using RlaifV.Stages.Rules;

namespace RlaifV.Serving;

/// <summary>
/// <c>POST /v1/chat/completions</c>: checks the request (an OpenAI error object for anything it cannot serve), tokenizes
/// the one user turn with the model's chat template, queues one row per choice (choice i's seed is the request's seed + i,
/// so n = 1 with seed s samples exactly what the in-process sampler does for a row seeded s), and answers with the texts,
/// finish reasons, usage and, when asked, every generated token's log-prob with the position's top tokens (of the raw
/// distribution, as vLLM reports them). Stop sequences cut the text after generation.
/// </summary>
internal sealed class ChatCompletionHandler(ServedModels models, ServeOptions options)
{
    private long requests;

    public async Task<ChatCompletion> HandleAsync(Stream body, CancellationToken cancellationToken)
    {
        ChatCompletionRequest request;
        try
        {
            request = await JsonSerializer.DeserializeAsync(body, ChatApiJson.Default.ChatCompletionRequest, cancellationToken) ?? throw new RequestError("the body is JSON null");
        }
        catch (JsonException e)
        {
            throw new RequestError($"the body is not a valid chat completion request: {e.Message}");
        }
        if (request.Stream == true) throw RequestError.Invalid("stream", "streaming is not offered by rlaifv serve; send stream: false");
        if (string.IsNullOrEmpty(request.Model)) throw RequestError.Invalid("model", "model is required (GET /v1/models lists them)");
        var batcher = await models.GetAsync(request.Model, cancellationToken)
            ?? throw new RequestError(404, "not_found_error", "model", $"The model '{request.Model}' does not exist (GET /v1/models lists them)");
        var backend = batcher.Backend;
        var n = request.N ?? 1;
        if (n < 1 || n > options.MaxChoices) throw RequestError.Invalid("n", $"n must be from 1 to {options.MaxChoices}");
        var temperature = request.Temperature ?? 1.0;
        if (double.IsNaN(temperature) || temperature < 0 || temperature > 10) throw RequestError.Invalid("temperature", "temperature must be from 0 to 10");
        var topP = request.TopP ?? 1.0;
        if (double.IsNaN(topP) || topP <= 0 || topP > 1) throw RequestError.Invalid("top_p", "top_p must be above 0 and at most 1");
        var topK = request.TopK ?? 0;
        if (topK < -1) throw RequestError.Invalid("top_k", "top_k must be -1 or 0 (off) or positive");
        var penalty = request.RepetitionPenalty ?? 1.0;
        if (double.IsNaN(penalty) || penalty <= 0 || penalty > 100) throw RequestError.Invalid("repetition_penalty", "repetition_penalty must be above 0 and at most 100");
        var logprobs = request.Logprobs ?? false;
        var top = request.TopLogprobs ?? 0;
        if (top is < 0 or > 20) throw RequestError.Invalid("top_logprobs", "top_logprobs must be from 0 to 20");
        if (request.TopLogprobs is not null && !logprobs) throw RequestError.Invalid("top_logprobs", "top_logprobs needs logprobs: true");
        var stops = Stops(request.Stop);

        var input = ChatInput.From(request.Messages);
        if (input.Image is not null && backend.Images is null) throw RequestError.Invalid("messages[0].content", $"{request.Model} is a text-only model and takes no image");
        TokenizedPrompt prompt;
        try
        {
            prompt = input.Image is null
                ? backend.EncodePrompt(input.Text, (ReadOnlyMemory<byte>?)null)
                : backend.EncodePrompt(input.Text, new ImageInput(RlaifV.Schemas.ImageRef.HashOf(input.Image), input.Image));
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException or InvalidOperationException or NotSupportedException)
        {
            throw RequestError.Invalid("messages[0].content", $"the image cannot be decoded: {e.Message}");
        }
        var context = backend.Engine.LanguageModel.Config.MaxPositionEmbeddings;
        var room = context - prompt.TokenIds.Count;
        var maxTokens = request.MaxTokens ?? request.MaxCompletionTokens ?? room;
        if (maxTokens < 1) throw RequestError.Invalid("max_tokens", "max_tokens must be at least 1");
        if (room < 1 || maxTokens > room)
            throw RequestError.Invalid("max_tokens", string.Create(CultureInfo.InvariantCulture,
                $"This model's context is {context} tokens; the prompt has {prompt.TokenIds.Count} and max_tokens asks for {maxTokens} more"));

        var requestNumber = Interlocked.Increment(ref requests);
        var seed = request.Seed ?? Seeds.Derive(options.Seed, 0, requestNumber.ToString(CultureInfo.InvariantCulture), "serve");
        var rows = Enumerable.Range(0, n).Select(i => prompt with { Seed = unchecked(seed + i) }).ToList();
        var settings = new RowSettings(temperature, topP, Math.Max(0, topK), penalty, maxTokens, logprobs ? top : -1);
        var pending = batcher.TrySubmit(rows, settings)
            ?? throw new RequestError(429, "rate_limit_error", null, $"the server's queue is full ({options.MaxQueuedRows} rows); retry shortly", retryAfterSeconds: 1);
        RowResult[] results;
        try
        {
            results = await Task.WhenAll(pending);
        }
        catch (Exception e)
        {
            throw new RequestError($"generation failed: {e.Message}", e);
        }

        var choices = new List<ChatChoice>(n);
        var generated = 0;
        for (var i = 0; i < n; i++)
        {
            var choice = Choice(backend, i, results[i], stops, logprobs);
            generated += choice.Tokens;
            choices.Add(choice.Choice);
        }
        return new ChatCompletion
        {
            Id = "chatcmpl-" + requestNumber.ToString("x8", CultureInfo.InvariantCulture),
            Object = "chat.completion",
            Created = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            Model = request.Model,
            Choices = choices,
            Usage = new ChatUsage { PromptTokens = prompt.TokenIds.Count, CompletionTokens = generated, TotalTokens = prompt.TokenIds.Count + generated },
        };
    }

    private static (ChatChoice Choice, int Tokens) Choice(LlavaBackend backend, int index, RowResult row, List<string> stops, bool logprobs)
    {
        var text = backend.Tokenizer.Decode(row.Tokens);
        var finish = row.Stopped ? "stop" : "length";
        var kept = row.Tokens.Length;
        var cut = stops.Select(s => text.IndexOf(s, StringComparison.Ordinal)).Where(i => i >= 0).DefaultIfEmpty(-1).Min();
        if (cut >= 0)
        {
            text = text[..cut];
            finish = "stop";
            kept = 0;
            while (kept < row.Tokens.Length && backend.Tokenizer.Decode(row.Tokens.Take(kept + 1)).Length <= cut) kept++;
        }
        ChoiceLogprobs? entries = null;
        if (logprobs && row.LogProbs is { } steps)
        {
            var count = cut >= 0 ? kept : steps.Count;
            entries = new ChoiceLogprobs
            {
                Content = steps.Take(count).Select(s => new TokenLogprob
                {
                    Token = TokenText(backend, s.TokenId),
                    Logprob = s.LogProb,
                    Bytes = Bytes(TokenText(backend, s.TokenId)),
                    TopLogprobs = s.Top.Select(t => new TopLogprobEntry { Token = TokenText(backend, t.TokenId), Logprob = t.LogProb, Bytes = Bytes(TokenText(backend, t.TokenId)) }).ToList(),
                }).ToList(),
            };
        }
        return (new ChatChoice { Index = index, Message = new ChatResponseMessage { Role = "assistant", Content = text }, FinishReason = finish, Logprobs = entries }, kept);
    }

    private static string TokenText(LlavaBackend backend, int id) => backend.Tokenizer.Decode([id]);

    private static List<int> Bytes(string text) => Encoding.UTF8.GetBytes(text).Select(b => (int)b).ToList();

    private static List<string> Stops(JsonElement? stop)
    {
        if (stop is not { } element || element.ValueKind == JsonValueKind.Null) return [];
        if (element.ValueKind == JsonValueKind.String) return element.GetString() is { Length: > 0 } s ? [s] : [];
        if (element.ValueKind != JsonValueKind.Array) throw RequestError.Invalid("stop", "stop must be a string or a list of strings");
        var list = new List<string>();
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String) throw RequestError.Invalid("stop", "stop must be a string or a list of strings");
            if (item.GetString() is { Length: > 0 } s) list.Add(s);
        }
        if (list.Count > 4) throw RequestError.Invalid("stop", "at most 4 stop sequences");
        return list;
    }
}
