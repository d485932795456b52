using System.Text.Json;

namespace RlaifV.Schemas.ChatApi;

/// <summary>
/// The body of <c>POST /v1/chat/completions</c> as OpenAI-compatible servers take it (the fields RlaifV uses; a server
/// ignores what it does not know). <see cref="Stop"/> is a string or a list of strings; <see cref="TopK"/> and
/// <see cref="RepetitionPenalty"/> are the extensions vLLM and SGLang accept.
/// </summary>
public sealed record ChatCompletionRequest
{
    /// <summary>The served model's name.</summary>
    public string? Model { get; init; }

    /// <summary>The conversation.</summary>
    public IReadOnlyList<ChatMessage>? Messages { get; init; }

    /// <summary>Choices to generate (default 1).</summary>
    public int? N { get; init; }

    /// <summary>Sampling seed.</summary>
    public long? Seed { get; init; }

    /// <summary>Softmax temperature (0: greedy).</summary>
    public double? Temperature { get; init; }

    /// <summary>Nucleus mass.</summary>
    public double? TopP { get; init; }

    /// <summary>Token budget of each choice.</summary>
    public int? MaxTokens { get; init; }

    /// <summary>The newer name of <see cref="MaxTokens"/>.</summary>
    public int? MaxCompletionTokens { get; init; }

    /// <summary>Stop sequences: a string or a list of strings.</summary>
    public JsonElement? Stop { get; init; }

    /// <summary>Whether to return the log-probs of the generated tokens.</summary>
    public bool? Logprobs { get; init; }

    /// <summary>Most likely tokens to return per position (0–20), with <see cref="Logprobs"/>.</summary>
    public int? TopLogprobs { get; init; }

    /// <summary>Top-k sampling (an extension; 0 or -1: off).</summary>
    public int? TopK { get; init; }

    /// <summary>Repetition penalty (an extension; 1: off).</summary>
    public double? RepetitionPenalty { get; init; }

    /// <summary>Streaming (not offered by rlaifv serve).</summary>
    public bool? Stream { get; init; }
}
