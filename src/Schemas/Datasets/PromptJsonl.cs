using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace RlaifV.Schemas.Datasets;

/// <summary>
/// The JSON-lines prompt layouts, one object per line, in either layout: RlaifV's own (<c>id</c>, <c>instruction</c>,
/// <c>image_path</c> or base64 <c>image</c>, optional <c>image_sha256</c>, <c>kind</c>, <c>source</c>, <c>metadata</c>) or
/// the reference RLAIF-V code's (<c>ds_question_id</c>, <c>question</c>, <c>image_path</c> or base64 <c>image</c>,
/// optional <c>metainfos</c>). Parsing is strict: the bytes must be valid UTF-8 (<c>invalid_encoding</c>; nothing is
/// decoded with replacement characters), the line a JSON object (<c>malformed</c>), every text field a JSON string
/// (<c>wrong_type</c>, naming the field: a number is not coerced to text), <c>kind</c> one of its values
/// (<c>invalid_value</c>), <c>metadata</c> an object, <c>image</c> valid base64 (<c>image_invalid</c>). Ids are the one
/// exception to "strings only": the reference layout's ids are JSON integers, so an integer id is read as its decimal
/// text; a fractional or other non-string id is <c>wrong_type</c>. A record that fails still yields its key when the id is
/// readable, so the dead letter names it.
/// </summary>
public static class PromptJsonl
{
    private const int MaxRawChars = 4096;
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly string[] IdFields = ["id", "ds_question_id", "idx"];

    /// <summary>Parses one line (UTF-8 bytes, without its line break) into a draft, or the reason it is not one.</summary>
    public static ParsedPrompt Parse(ReadOnlySpan<byte> line)
    {
        if (!Utf8.IsValid(line))
        {
            var raw = RenderInvalid(line);
            return new ParsedPrompt
            {
                FailureReason = DeadLetterReasons.InvalidEncoding,
                FailureDetail = $"the record is not valid UTF-8 (first bad byte at offset {FirstInvalid(line)})",
                Raw = raw,
                Key = KeyOfSanitized(line),
            };
        }
        return Parse(Strict.GetString(line));
    }

    /// <summary>Parses one line of text into a draft, or the reason it is not one.</summary>
    public static ParsedPrompt Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var raw = line.Length > MaxRawChars ? line[..MaxRawChars] + "…" : line;
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            return Failed(raw, DeadLetterReasons.Malformed, $"not valid JSON: {e.Message}", null);
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                return Failed(raw, DeadLetterReasons.Malformed, $"expected a JSON object, got {doc.RootElement.ValueKind}", null);
            string? key = null;
            try
            {
                key = Id(doc.RootElement);
                return new ParsedPrompt { Draft = ToDraft(doc.RootElement, key), Raw = raw, Key = key };
            }
            catch (FieldException e)
            {
                return Failed(raw, e.Reason, e.Message, key);
            }
        }
    }

    private static PromptDraft ToDraft(JsonElement o, string? id)
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
                throw new FieldException(DeadLetterReasons.ImageInvalid, "field 'image' is not valid base64");
            }
        }
        var kind = Str(o, "kind");
        PromptKind? parsedKind = null;
        if (kind is not null)
        {
            parsedKind = Enum.GetValues<PromptKind>().Select(k => (PromptKind?)k).FirstOrDefault(k => EnumNames.Of(k!.Value) == kind)
                ?? throw new FieldException(DeadLetterReasons.InvalidValue, $"field 'kind' = '{kind}': allowed are description, short_answer");
        }
        var instruction = Str(o, "instruction");
        var question = Str(o, "question");
        return new PromptDraft
        {
            Id = id,
            Instruction = instruction ?? question,
            Kind = parsedKind,
            ImagePath = Str(o, "image_path"),
            ImageBytes = bytes,
            ImageSha256 = Str(o, "image_sha256"),
            Source = Str(o, "source") ?? Str(o, "ds_name"),
            Metadata = ObjectText(o, "metadata") ?? ObjectText(o, "metainfos"),
        };
    }

    /// <summary>The record's id: the first of id, ds_question_id, idx present; a string, or an integer read as its decimal text.</summary>
    private static string? Id(JsonElement o)
    {
        foreach (var name in IdFields)
        {
            if (!o.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) continue;
            return v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Number when v.TryGetInt64(out var n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => throw new FieldException(DeadLetterReasons.WrongType, $"field '{name}' must be a string or an integer, got {Describe(v)}"),
            };
        }
        return null;
    }

    /// <summary>A text field: a JSON string, or absent/null; any other type is <c>wrong_type</c>.</summary>
    private static string? Str(JsonElement o, string name)
    {
        if (!o.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        return v.ValueKind == JsonValueKind.String
            ? v.GetString()
            : throw new FieldException(DeadLetterReasons.WrongType, $"field '{name}' must be a string, got {Describe(v)}");
    }

    /// <summary>An object field as its JSON text, or null when absent; any other type is <c>wrong_type</c>.</summary>
    private static string? ObjectText(JsonElement o, string name)
    {
        if (!o.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        return v.ValueKind == JsonValueKind.Object
            ? v.GetRawText()
            : throw new FieldException(DeadLetterReasons.WrongType, $"field '{name}' must be an object, got {Describe(v)}");
    }

    private static string Describe(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Number => $"the number {Clip(v.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {v.GetRawText()}",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => v.ValueKind.ToString().ToLowerInvariant(),
    };

    private static string Clip(string s) => s.Length > 40 ? s[..40] + "…" : s;

    /// <summary>The id of a line with invalid bytes, read from a copy whose invalid bytes are replaced (only a valid id is returned).</summary>
    private static string? KeyOfSanitized(ReadOnlySpan<byte> line)
    {
        var copy = ArrayPool<byte>.Shared.Rent(line.Length);
        try
        {
            var span = copy.AsSpan(0, line.Length);
            line.CopyTo(span);
            for (var i = 0; i < span.Length;)
            {
                var status = System.Text.Rune.DecodeFromUtf8(span[i..], out _, out var consumed);
                if (status != OperationStatus.Done) span.Slice(i, consumed).Fill((byte)'?');
                i += consumed;
            }
            using var doc = JsonDocument.Parse(copy.AsMemory(0, line.Length));
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return null;
            var id = Id(doc.RootElement);
            return id is not null && !id.Contains('?', StringComparison.Ordinal) ? id : null;
        }
        catch (Exception e) when (e is JsonException or FieldException)
        {
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    private static int FirstInvalid(ReadOnlySpan<byte> line)
    {
        for (var i = 0; i < line.Length;)
        {
            if (System.Text.Rune.DecodeFromUtf8(line[i..], out _, out var consumed) != OperationStatus.Done) return i;
            i += consumed;
        }
        return -1;
    }

    /// <summary>Bytes of a record for a dead letter: valid characters as they are, each invalid byte as <c>\xNN</c>.</summary>
    public static string Render(ReadOnlySpan<byte> line) => RenderInvalid(line);

    private static string RenderInvalid(ReadOnlySpan<byte> line)
    {
        var text = new StringBuilder();
        for (var i = 0; i < line.Length && text.Length < MaxRawChars;)
        {
            var status = System.Text.Rune.DecodeFromUtf8(line[i..], out var rune, out var consumed);
            if (status == OperationStatus.Done) text.Append(rune.ToString());
            else for (var k = 0; k < consumed; k++) text.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\x{line[i + k]:X2}");
            i += consumed;
        }
        return text.Length >= MaxRawChars ? text.ToString(0, MaxRawChars) + "…" : text.ToString();
    }

    private static ParsedPrompt Failed(string raw, string reason, string detail, string? key) =>
        new() { FailureReason = reason, FailureDetail = detail, Raw = raw, Key = key };

    private sealed class FieldException(string reason, string message) : Exception(message)
    {
        public string Reason { get; } = reason;
    }
}
