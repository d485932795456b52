using System.Text.Json;

namespace RlaifV.Schemas.Datasets;

/// <summary>
/// The JSON-lines prompt layouts, one object per line, in either layout: RlaifV's own (<c>id</c>, <c>instruction</c>,
/// <c>image_path</c> or base64 <c>image</c>, optional <c>image_sha256</c>, <c>kind</c>, <c>source</c>, <c>metadata</c>) or
/// the reference RLAIF-V code's (<c>ds_question_id</c>, <c>question</c>, <c>image_path</c> or base64 <c>image</c>,
/// optional <c>metainfos</c>). A line that is not a JSON object still yields a record, with its parse error, so it is
/// dead-lettered rather than lost.
/// </summary>
public static class PromptJsonl
{
    private const int MaxRawChars = 4096;

    /// <summary>Parses one line into a draft, or the reason it is not one.</summary>
    public static ParsedPrompt Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var raw = line.Length > MaxRawChars ? line[..MaxRawChars] + "…" : line;
        try
        {
            using var doc = JsonDocument.Parse(line);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                return Failed(raw, DeadLetterReasons.Malformed, $"expected a JSON object, got {doc.RootElement.ValueKind}");
            return new ParsedPrompt { Draft = ToDraft(doc.RootElement), Raw = raw };
        }
        catch (JsonException e)
        {
            return Failed(raw, DeadLetterReasons.Malformed, $"not valid JSON: {e.Message}");
        }
        catch (FieldException e)
        {
            return Failed(raw, DeadLetterReasons.MissingField, e.Message);
        }
    }

    private static PromptDraft ToDraft(JsonElement o)
    {
        var image = Str(o, "image");
        byte[]? bytes = null;
        if (image is not null)
        {
            var comma = image.StartsWith("data:", StringComparison.Ordinal) ? image.IndexOf(',', StringComparison.Ordinal) : -1;
            try
            {
                bytes = Convert.FromBase64String(comma >= 0 ? image[(comma + 1)..] : image);
            }
            catch (FormatException)
            {
                throw new FieldException("field 'image' is not valid base64");
            }
        }
        var kind = Str(o, "kind");
        return new PromptDraft
        {
            Id = Str(o, "id") ?? Str(o, "ds_question_id") ?? Str(o, "idx"),
            Instruction = Str(o, "instruction") ?? Str(o, "question"),
            Kind = kind is null ? null : Enum.TryParse<PromptKind>(kind.Replace("_", string.Empty, StringComparison.Ordinal), true, out var k)
                ? k : throw new FieldException($"field 'kind' = '{kind}': allowed are description, short_answer"),
            ImagePath = Str(o, "image_path"),
            ImageBytes = bytes,
            ImageSha256 = Str(o, "image_sha256"),
            Source = Str(o, "source") ?? Str(o, "ds_name"),
            Metadata = o.TryGetProperty("metadata", out var m) || o.TryGetProperty("metainfos", out m) ? m.GetRawText() : null,
        };
    }

    /// <summary>A string field; numbers are accepted as text (ids are often numeric); other types are errors.</summary>
    private static string? Str(JsonElement o, string name)
    {
        if (!o.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        return v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => throw new FieldException($"field '{name}' must be a string, got {v.ValueKind}"),
        };
    }

    private static ParsedPrompt Failed(string raw, string reason, string detail) =>
        new() { FailureReason = reason, FailureDetail = detail, Raw = raw };

    private sealed class FieldException(string message) : Exception(message);
}
