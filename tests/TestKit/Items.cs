using RlaifV.Schemas;
using RlaifV.Stages.Flow;

namespace RlaifV.TestKit;

/// <summary>Builders for prompts and ingest items.</summary>
public static class Items
{
    /// <summary>A shared small PNG.</summary>
    public static readonly byte[] Image = Png.Solid(4, 4);

    /// <summary>A valid prompt.</summary>
    public static Prompt Prompt(string id, string instruction = "Describe this image in detail.") => new()
    {
        Id = id,
        Instruction = instruction,
        Kind = PromptKind.Description,
        Image = ImageRef.Inline(Image, $"images/{id}.png"),
        Source = "test",
    };

    /// <summary>A valid ingest item with inline image bytes.</summary>
    public static IngestItem Ingest(string id, long position, string instruction = "Describe this image in detail.") => new()
    {
        Ticket = new PromptTicket($"test:{position}", position),
        Draft = new PromptDraft { Id = id, Instruction = instruction, ImageBytes = Image, Source = "test" },
    };
}
