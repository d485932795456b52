using System.Text;
using RlaifV.Schemas;
using RlaifV.Stages.Flow;
using RlaifV.Stages.Sources;
using RlaifV.TestKit;

namespace RlaifV.Stages.Tests.Sources;

public class JsonlStrictnessTests
{
    private static async Task<List<IngestItem>> ReadAsync(byte[] file, long maxRecordBytes = 1 << 20)
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("p.jsonl"), file);
        var items = new List<IngestItem>();
        await foreach (var item in new JsonlPromptSource(dir.File("p.jsonl"), maxRecordBytes).ReadAsync(CancellationToken.None)) items.Add(item);
        return items;
    }

    private static byte[] Lines(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n");

    [Fact]
    public async Task Read_NumberWhereTextIsRequired_WrongTypeNamingTheFieldWithTheKey()
    {
        var items = await ReadAsync(Lines("""{"id":"q42","question":42,"image_path":"a.png"}""", """{"id":"m","instruction":"x","image_path":"a.png","metadata":[1]}"""));
        Assert.Equal((DeadLetterReasons.WrongType, "q42"), (items[0].ParseReason, items[0].Key));
        Assert.Contains("'question'", items[0].ParseError, StringComparison.Ordinal);
        Assert.Null(items[0].Draft);
        Assert.Equal(DeadLetterReasons.WrongType, items[1].ParseReason);
        Assert.Contains("'metadata'", items[1].ParseError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_IntegerIdOfTheReferenceLayout_IsItsDecimalText_FractionalIdIsWrongType()
    {
        var items = await ReadAsync(Lines("""{"ds_question_id":17,"question":"What?","image_path":"a.png"}""", """{"ds_question_id":1.5,"question":"What?","image_path":"a.png"}"""));
        Assert.Equal("17", items[0].Draft!.Id);
        Assert.Equal(DeadLetterReasons.WrongType, items[1].ParseReason);
    }

    [Fact]
    public async Task Read_InvalidUtf8_InvalidEncodingWithReadableKeyAndNoReplacementCharacters()
    {
        var line = Encoding.UTF8.GetBytes("""{"id":"bad-bytes","instruction":"caf""").Concat(new byte[] { 0xC3, 0x28 }).Concat(Encoding.UTF8.GetBytes("\",\"image_path\":\"a.png\"}")).ToArray();
        var items = await ReadAsync([.. line, (byte)'\n']);
        var item = Assert.Single(items);
        Assert.Equal((DeadLetterReasons.InvalidEncoding, "bad-bytes"), (item.ParseReason, item.Key));
        Assert.Contains("\\xC3", item.Raw, StringComparison.Ordinal);
        Assert.DoesNotContain('\uFFFD', item.Raw!);
    }

    [Fact]
    public async Task Read_InvalidBase64_ImageInvalidWithTheKey()
    {
        var item = Assert.Single(await ReadAsync(Lines("""{"id":"b64","instruction":"Describe.","image":"***"}""")));
        Assert.Equal((DeadLetterReasons.ImageInvalid, "b64"), (item.ParseReason, item.Key));
    }

    [Fact]
    public async Task Read_LineOverTheRecordLimit_OneRecordTooLargeItemAndTheNextLineIsRead()
    {
        var huge = """{"id":"huge","instruction":" """ + new string('x', 200_000) + "\"}";
        var items = await ReadAsync(Lines(huge, """{"id":"next","instruction":"Describe.","image_path":"a.png"}"""), maxRecordBytes: 4096);
        Assert.Equal(2, items.Count);
        Assert.Equal(DeadLetterReasons.RecordTooLarge, items[0].ParseReason);
        Assert.Contains("200", items[0].ParseError, StringComparison.Ordinal);
        Assert.True(items[0].Raw!.Length < 2000);
        Assert.Equal(("next", "p.jsonl:2"), (items[1].Draft!.Id, items[1].Ticket.Origin));
    }

    [Fact]
    public async Task Read_BomAndCrlfAndBlankLines_AreLineConventionsNotData()
    {
        var text = "\uFEFF" + """{"id":"a","instruction":"Describe.","image_path":"a.png"}""" + "\r\n\r\n" + """{"id":"b","instruction":"Describe.","image_path":"a.png"}""";
        var items = await ReadAsync(Encoding.UTF8.GetBytes(text));
        Assert.Equal(["a", "b"], items.Select(i => i.Draft!.Id));
        Assert.Equal(["p.jsonl:1", "p.jsonl:3"], items.Select(i => i.Ticket.Origin));
    }

    [Fact]
    public async Task Read_UnknownKind_InvalidValue()
    {
        var item = Assert.Single(await ReadAsync(Lines("""{"id":"k","instruction":"Describe.","image_path":"a.png","kind":"poem"}""")));
        Assert.Equal((DeadLetterReasons.InvalidValue, "k"), (item.ParseReason, item.Key));
    }
}
