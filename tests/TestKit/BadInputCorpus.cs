using System.Text;
using RlaifV.Schemas;

namespace RlaifV.TestKit;

/// <summary>
/// Writes a prompts file (JSON lines) that mixes good records with bad ones of many kinds, the images they point at under
/// an image root, and the outcome each line must have: its dead-letter reason and key, or none for a good record. The
/// bad kinds: broken JSON, arrays, nulls, bare numbers, empty objects, deep nesting, NUL bytes, binary garbage, invalid
/// UTF-8, wrong JSON types, invalid base64, an instruction over the character limit, a line over the record limit,
/// blank instructions, missing fields, missing / empty / truncated / corrupt / non-image files, valid headers over garbage,
/// symbolic links and paths out of the root, oversized images, hash mismatches, repeated ids, unknown values, a BOM in
/// the middle of the file. The file itself starts with a BOM and has a CRLF line, which are not errors.
/// </summary>
public static class BadInputCorpus
{
    /// <summary>The record limit the corpus is meant to be read with (<c>ingest.max_record_bytes</c>).</summary>
    public const long MaxRecordBytes = 1 << 20;

    /// <summary>The instruction limit it is meant to be checked with (<c>ingest.max_instruction_chars</c>).</summary>
    public const int MaxInstructionChars = 8192;

    /// <summary>The pixel limit it is meant to be checked with (<c>ingest.max_image_side</c>).</summary>
    public const int MaxImageSide = 64;

    /// <summary>The pixel-count limit it is meant to be checked with (<c>ingest.max_image_pixels</c>).</summary>
    public const int MaxImagePixels = 2048;

    /// <summary>One line's expected outcome: null reason for a good record.</summary>
    public sealed record Expected(int Line, string? Reason, string? Key, string What);

    /// <summary>Writes the corpus under <paramref name="dir"/>: <c>images/</c> (the image root) and <c>prompts.jsonl</c>; returns every line's outcome.</summary>
    public static IReadOnlyList<Expected> Write(string dir)
    {
        var images = Directory.CreateDirectory(Path.Combine(dir, "images")).FullName;
        var good = Png.Solid(8, 8, 10, 200, 30);
        File.WriteAllBytes(Path.Combine(images, "ok.png"), good);
        File.WriteAllBytes(Path.Combine(images, "empty.png"), []);
        File.WriteAllBytes(Path.Combine(images, "half.png"), good[..(good.Length / 2)]);
        File.WriteAllBytes(Path.Combine(images, "garbage-body.png"), [.. good[..33], .. Enumerable.Range(0, 200).Select(i => (byte)(i * 37))]);
        File.WriteAllBytes(Path.Combine(images, "garbage.jpg"), [0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 0x08, 0x00, 0x08, 0x03, 0x01, 0x22, 0x00, .. Enumerable.Repeat((byte)0x5A, 300)]);
        File.WriteAllText(Path.Combine(images, "text.png"), "this is not an image");
        File.WriteAllBytes(Path.Combine(images, "wide.png"), Png.Solid(MaxImageSide + 6, 4));
        File.WriteAllBytes(Path.Combine(images, "many-pixels.png"), Png.Solid(MaxImageSide, MaxImageSide));
        File.WriteAllBytes(Path.Combine(dir, "outside.png"), good);
        File.CreateSymbolicLink(Path.Combine(images, "link-out.png"), Path.Combine(dir, "outside.png"));
        var b64 = Convert.ToBase64String(good);
        var sha = ImageRef.HashOf(good);

        var lines = new List<(byte[] Bytes, string? Reason, string? Key, string What)>();
        void Add(string json, string? reason, string? key, string what) => lines.Add((Encoding.UTF8.GetBytes(json), reason, key, what));
        void AddBytes(byte[] bytes, string? reason, string? key, string what) => lines.Add((bytes, reason, key, what));

        Add("""{"id":"good-path","instruction":"Describe this image in detail.","image_path":"ok.png"}""", null, "good-path", "good record, image by path");
        Add($$"""{"id":"good-inline","instruction":"What colour is the square?","image":"{{b64}}","image_sha256":"{{sha}}"}""", null, "good-inline", "good record, inline image and hash");
        Add("""{"ds_question_id":1234,"question":"Is there a square?","image_path":"ok.png","metainfos":{"origin_dataset":"vqa"}}""", null, "1234", "good record, reference layout, integer id");
        Add($$"""{"id":"good-data-uri","instruction":"Describe.","image":"data:image/png;base64,{{b64}}","kind":"short_answer"}""", null, "good-data-uri", "good record, data URI");
        Add("""{"id":"broken","instruction":"Describe""", DeadLetterReasons.Malformed, null, "truncated JSON");
        Add("""["an","array"]""", DeadLetterReasons.Malformed, null, "array");
        Add("null", DeadLetterReasons.Malformed, null, "null");
        Add("42", DeadLetterReasons.Malformed, null, "bare number");
        Add("{}", DeadLetterReasons.MissingField, null, "empty object");
        Add(new string('[', 300) + new string(']', 300), DeadLetterReasons.Malformed, null, "deeply nested JSON");
        Add("{\"id\":\"nul\",\"instruction\":\"a\u0000b\",\"image_path\":\"ok.png\"}", DeadLetterReasons.Malformed, null, "raw NUL byte");
        AddBytes([.. Enumerable.Range(0, 400).Select(i => (byte)((i * 131 + 7) % 256)).Where(b => b != (byte)'\n')], DeadLetterReasons.InvalidEncoding, null, "binary garbage");
        AddBytes([.. Encoding.UTF8.GetBytes("""{"id":"bad-utf8","instruction":"caf"""), 0xE9, .. Encoding.UTF8.GetBytes("\",\"image_path\":\"ok.png\"}")], DeadLetterReasons.InvalidEncoding, "bad-utf8", "invalid UTF-8 (Latin-1 byte)");
        Add("""{"id":"num-question","question":42,"image_path":"ok.png"}""", DeadLetterReasons.WrongType, "num-question", "number where text is required");
        Add("""{"id":{"nested":1},"instruction":"Describe.","image_path":"ok.png"}""", DeadLetterReasons.WrongType, null, "object id");
        Add("""{"id":"array-instruction","instruction":["Describe."],"image_path":"ok.png"}""", DeadLetterReasons.WrongType, "array-instruction", "array instruction");
        Add("""{"id":"num-path","instruction":"Describe.","image_path":7}""", DeadLetterReasons.WrongType, "num-path", "number image path");
        Add("""{"id":"text-metadata","instruction":"Describe.","image_path":"ok.png","metadata":"x"}""", DeadLetterReasons.WrongType, "text-metadata", "metadata not an object");
        Add("""{"id":"bad-base64","instruction":"Describe.","image":"@@not base64@@"}""", DeadLetterReasons.ImageInvalid, "bad-base64", "invalid base64");
        Add($$"""{"id":"long-instruction","instruction":"{{new string('w', MaxInstructionChars + 1)}}","image_path":"ok.png"}""", DeadLetterReasons.PromptTooLong, "long-instruction", "instruction over the character limit");
        Add($$"""{"id":"huge-line","instruction":"{{new string('h', (int)MaxRecordBytes + 10)}}","image_path":"ok.png"}""", DeadLetterReasons.RecordTooLarge, null, "line over the record limit");
        Add("""{"id":"blank","instruction":"  \t ","image_path":"ok.png"}""", DeadLetterReasons.EmptyInstruction, "blank", "blank instruction");
        Add("""{"id":"no-instruction","image_path":"ok.png"}""", DeadLetterReasons.MissingField, "no-instruction", "missing instruction");
        Add("""{"id":"no-image","instruction":"Describe."}""", DeadLetterReasons.MissingField, "no-image", "missing image");
        Add("""{"id":"missing-file","instruction":"Describe.","image_path":"nope.png"}""", DeadLetterReasons.ImageUnreadable, "missing-file", "image file missing");
        Add("""{"id":"nul-path","instruction":"Describe.","image_path":"ok\u0000.png"}""", DeadLetterReasons.ImageUnreadable, "nul-path", "NUL in the image path");
        Add("""{"id":"zero-bytes","instruction":"Describe.","image_path":"empty.png"}""", DeadLetterReasons.ImageInvalid, "zero-bytes", "zero-byte image file");
        Add("""{"id":"truncated","instruction":"Describe.","image_path":"half.png"}""", DeadLetterReasons.ImageInvalid, "truncated", "truncated PNG");
        Add("""{"id":"png-garbage","instruction":"Describe.","image_path":"garbage-body.png"}""", DeadLetterReasons.ImageInvalid, "png-garbage", "PNG header over garbage");
        Add("""{"id":"jpeg-garbage","instruction":"Describe.","image_path":"garbage.jpg"}""", DeadLetterReasons.ImageInvalid, "jpeg-garbage", "JPEG header over garbage");
        Add("""{"id":"text-image","instruction":"Describe.","image_path":"text.png"}""", DeadLetterReasons.ImageInvalid, "text-image", "text file named .png");
        Add("""{"id":"symlink","instruction":"Describe.","image_path":"link-out.png"}""", DeadLetterReasons.ImageOutsideRoot, "symlink", "symbolic link out of the root");
        Add("""{"id":"traversal","instruction":"Describe.","image_path":"../outside.png"}""", DeadLetterReasons.ImageOutsideRoot, "traversal", "path traversal");
        Add($$"""{"id":"absolute","instruction":"Describe.","image_path":"{{Path.Combine(dir, "outside.png")}}"}""", DeadLetterReasons.ImageOutsideRoot, "absolute", "absolute path out of the root");
        Add("""{"id":"wide","instruction":"Describe.","image_path":"wide.png"}""", DeadLetterReasons.ImageTooLarge, "wide", "image over the pixel limit");
        Add("""{"id":"many-pixels","instruction":"Describe.","image_path":"many-pixels.png"}""", DeadLetterReasons.ImageTooLarge, "many-pixels", "image over the pixel-count limit");
        Add("""{"id":"hash","instruction":"Describe.","image_path":"ok.png","image_sha256":"00"}""", DeadLetterReasons.ImageHashMismatch, "hash", "declared hash mismatch");
        Add("""{"id":"good-path","instruction":"Describe again.","image_path":"ok.png"}""", DeadLetterReasons.DuplicateId, "good-path", "repeated id");
        Add("""{"id":"bad-kind","instruction":"Describe.","image_path":"ok.png","kind":"poem"}""", DeadLetterReasons.InvalidValue, "bad-kind", "unknown kind");
        AddBytes([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("""{"id":"mid-bom","instruction":"Describe.","image_path":"ok.png"}""")], DeadLetterReasons.Malformed, null, "BOM in the middle of the file");
        Add("""{"id":"good-crlf","instruction":"Describe the square.","image_path":"ok.png"}""" + "\r", null, "good-crlf", "good record with CRLF");

        using var file = File.Create(Path.Combine(dir, "prompts.jsonl"));
        file.Write([0xEF, 0xBB, 0xBF]);
        var expected = new List<Expected>();
        for (var i = 0; i < lines.Count; i++)
        {
            file.Write(lines[i].Bytes);
            file.WriteByte((byte)'\n');
            expected.Add(new Expected(i + 1, lines[i].Reason, lines[i].Key, lines[i].What));
        }
        return expected;
    }
}
