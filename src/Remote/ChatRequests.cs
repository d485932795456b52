using System.Globalization;
using System.Text.Json.Nodes;
using RlaifV.Schemas;
using RlaifV.Schemas.ChatApi;
using RlaifV.Stages.Flow;
using RlaifV.Stages.Ports;

namespace RlaifV.Remote;

/// <summary>How the roles' calls become chat-completion bodies, and what they need from an answer.</summary>
internal static class ChatRequests
{
    /// <summary>A body for <paramref name="model"/> with one user message (an image part when given, then the text).</summary>
    public static JsonObject Body(string model, string text, ImageInput? image)
    {
        JsonNode content = image is null
            ? JsonValue.Create(text)
            : new JsonArray(
                new JsonObject { ["type"] = "image_url", ["image_url"] = new JsonObject { ["url"] = ImageUrl(image) } },
                new JsonObject { ["type"] = "text", ["text"] = text });
        return new JsonObject
        {
            ["model"] = model,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = content }),
            ["n"] = 1,
        };
    }

    /// <summary>Adds the decoding settings (top_k and repetition_penalty only when they are on: vLLM/SGLang extensions).</summary>
    public static JsonObject WithSampling(this JsonObject body, GenerationSettings settings, long seed)
    {
        body["seed"] = seed;
        body["temperature"] = settings.Temperature;
        body["top_p"] = settings.TopP;
        body["max_tokens"] = settings.MaxNewTokens;
        if (settings.TopK > 0) body["top_k"] = settings.TopK;
        if (Math.Abs(settings.RepetitionPenalty - 1.0) > 1e-12) body["repetition_penalty"] = settings.RepetitionPenalty;
        return body;
    }

    /// <summary>The image as its http(s) URL when the prompt came with one, else as a base64 data URL.</summary>
    public static string ImageUrl(ImageInput image)
    {
        if (image.Uri is { } uri && (uri.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || uri.StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
            return uri;
        var format = ImageHeader.TryRead(image.Bytes.Span, out var f, out _, out _) ? f : "png";
        return $"data:image/{(format == "jpeg" ? "jpeg" : format)};base64,{Convert.ToBase64String(image.Bytes.Span)}";
    }

    /// <summary>The first choice's text; an answer without one is this item's error.</summary>
    public static string Text(ChatCompletionsClient client, ChatCompletion completion, string model)
    {
        var text = completion.Choices![0].Message?.Content;
        if (text is null)
        {
            client.CountMalformed();
            throw new InputRejectedException(DeadLetterReasons.BadModelOutput, $"{client.Describe(model)} answered without message content");
        }
        return text;
    }

    /// <summary>A memo key from parts (the requests of one role never mix with another's).</summary>
    public static string Key(params object[] parts) => string.Join('\u001f', parts.Select(p => Convert.ToString(p, CultureInfo.InvariantCulture)));
}
