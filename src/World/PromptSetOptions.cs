namespace RlaifV.World;

/// <summary>How prompt sets are drawn. Defaults: half of the training prompts are description requests.</summary>
public sealed record PromptSetOptions
{
    /// <summary>Share of training prompts that ask for a detailed description; the rest are short questions.</summary>
    public double DescriptionShare { get; init; } = 0.5;

    /// <summary>How scenes are drawn.</summary>
    public SceneGeneratorOptions Scenes { get; init; } = SceneGeneratorOptions.Default;

    /// <summary>How images are rendered.</summary>
    public RenderOptions Render { get; init; } = RenderOptions.Default;

    /// <summary>The defaults.</summary>
    public static PromptSetOptions Default { get; } = new();
}
