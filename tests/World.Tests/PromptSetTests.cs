using System.Text.Json;
using RlaifV.Schemas;

namespace RlaifV.World.Tests;

public class PromptSetTests
{
    [Fact]
    public void HeldOut_SameSeed_SamePromptsAndImages()
    {
        var a = PromptSets.HeldOut(11, 300);
        var b = PromptSets.HeldOut(11, 300);
        Assert.Equal(300, a.Count);
        Assert.Equal(a.Select(p => (p.Id, p.Scene.ToCode(), p.Image.Sha256)), b.Select(p => (p.Id, p.Scene.ToCode(), p.Image.Sha256)));
        Assert.Equal(300, a.Select(p => p.Id).Distinct().Count());
        Assert.All(a, p => Assert.Equal(PromptKind.Description, p.Kind));
        Assert.Equal("world-eval-000000", a[0].Id);
    }

    [Fact]
    public void TrainingRound_DifferentRounds_FreshScenesMixedKinds()
    {
        var r0 = PromptSets.TrainingRound(11, 0, 200);
        var r1 = PromptSets.TrainingRound(11, 1, 200);
        var eval = PromptSets.HeldOut(11, 200);
        Assert.Equal("world-r0001-000000", r1[0].Id);
        Assert.Empty(r0.Select(p => p.SceneSeed).Intersect(r1.Select(p => p.SceneSeed)));
        Assert.Empty(r0.Select(p => p.SceneSeed).Intersect(eval.Select(p => p.SceneSeed)));
        var descriptions = r0.Count(p => p.Kind == PromptKind.Description);
        Assert.InRange(descriptions, 70, 130);
        Assert.Equal(4, r0.Where(p => p.Kind == PromptKind.ShortAnswer).Select(p => p.Question.Kind).Distinct().Count());
        Assert.Equal(r0.Select(p => p.Instruction), PromptSets.TrainingRound(11, 0, 200).Select(p => p.Instruction));
    }

    [Fact]
    public void ToPrompt_WorldPrompt_InlineImageAndSceneInMetadata()
    {
        var wp = PromptSets.TrainingRound(5, 2, 3)[1];
        var p = wp.ToPrompt();
        Assert.Equal(wp.Id, p.Id);
        Assert.Equal(ImageRef.HashOf(p.Image.Bytes!), p.Image.Sha256);
        Assert.Equal(WorldPrompt.SourceName, p.Source);
        Assert.Equal(wp.Scene, WorldPrompt.ReadScene(p.Metadata));
        Assert.Null(WorldPrompt.ReadScene("{\"x\":1}"));
        Assert.Null(WorldPrompt.ReadScene("not json"));
    }

    [Fact]
    public void ToJsonLine_WorldPrompt_ProjectInputFormat()
    {
        var wp = PromptSets.TrainingRound(5, 0, 1)[0];
        using var doc = JsonDocument.Parse(wp.ToJsonLine());
        var o = doc.RootElement;
        Assert.Equal(wp.Id, o.GetProperty("id").GetString());
        Assert.Equal(wp.Instruction, o.GetProperty("instruction").GetString());
        Assert.Equal(wp.Image.Png, Convert.FromBase64String(o.GetProperty("image").GetString()!));
        Assert.Equal(wp.Image.Sha256, o.GetProperty("image_sha256").GetString());
        Assert.Contains(o.GetProperty("kind").GetString(), new[] { "description", "short_answer" });
        Assert.Equal(wp.Scene.ToCode(), o.GetProperty("metadata").GetProperty("scene").GetString());
        using var writer = new StringWriter();
        PromptSets.WriteJsonl(PromptSets.HeldOut(5, 3), writer);
        Assert.Equal(3, writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }
}
