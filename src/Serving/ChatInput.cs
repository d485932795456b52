using System.Text.Json;
using System.Text.RegularExpressions;
using RlaifV.Schemas.ChatApi;

namespace RlaifV.Serving;

/// <summary>
/// The one user turn a chat request carries, as the chat template takes it: its text (text parts joined by new lines) and
/// at most one image (a base64 data URL). The template puts the image before the text whatever the parts' order. System
/// and earlier turns are refused (the template has one user turn), and so are http(s) image URLs: nothing outside the
/// server's machine is fetched.
/// </summary>
internal sealed partial record ChatInput(string Text, byte[]? Image)
{
    public static ChatInput From(IReadOnlyList<ChatMessage>? messages)
    {
        if (messages is not { Count: > 0 }) throw RequestError.Invalid("messages", "messages must hold one user message");
        if (messages.Count > 1 || messages[0].Role != "user")
            throw RequestError.Invalid("messages", $"rlaifv serve takes exactly one user message (got {string.Join(", ", messages.Select(m => m.Role ?? "no role"))}): its chat template has one user turn and no system prompt");
        var content = messages[0].Content ?? throw RequestError.Invalid("messages[0].content", "the user message has no content");
        if (content.ValueKind == JsonValueKind.String) return new ChatInput(content.GetString() ?? string.Empty, null);
        if (content.ValueKind != JsonValueKind.Array) throw RequestError.Invalid("messages[0].content", "content must be a string or a list of text and image_url parts");
        var texts = new List<string>();
        byte[]? image = null;
        foreach (var element in content.EnumerateArray())
        {
            ContentPart part;
            try
            {
                part = element.Deserialize(ChatApiJson.Default.ContentPart) ?? throw RequestError.Invalid("messages[0].content", "a content part is null");
            }
            catch (JsonException e)
            {
                throw RequestError.Invalid("messages[0].content", $"a content part is malformed: {e.Message}");
            }
            switch (part.Type)
            {
                case "text":
                    texts.Add(part.Text ?? string.Empty);
                    break;
                case "image_url":
                    if (image is not null) throw RequestError.Invalid("messages[0].content", "at most one image per request");
                    image = Decode(part.ImageUrl?.Url);
                    break;
                default:
                    throw RequestError.Invalid("messages[0].content", $"content part type '{part.Type}' is not supported: use text or image_url");
            }
        }
        return new ChatInput(string.Join('\n', texts), image);
    }

    private static byte[] Decode(string? url)
    {
        if (string.IsNullOrEmpty(url)) throw RequestError.Invalid("messages[0].content", "an image_url part has no url");
        if (url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            throw RequestError.Invalid("messages[0].content", "rlaifv serve fetches no image from the network: send the image as a data URL (data:image/png;base64,...)");
        var match = DataUrl().Match(url);
        if (!match.Success) throw RequestError.Invalid("messages[0].content", "the image url is not a base64 data URL (data:image/png;base64,...)");
        try
        {
            return Convert.FromBase64String(match.Groups["data"].Value);
        }
        catch (FormatException)
        {
            throw RequestError.Invalid("messages[0].content", "the image data URL is not valid base64");
        }
    }

    [GeneratedRegex(@"^data:image/[A-Za-z0-9.+-]+;base64,(?<data>.*)$", RegexOptions.Singleline)]
    private static partial Regex DataUrl();
}
