namespace RlaifV.Schemas;

/// <summary>The two instruction kinds of the method: detailed description and short question answering.</summary>
public enum PromptKind
{
    /// <summary>"Describe this image in detail."</summary>
    Description,

    /// <summary>A short question about the image.</summary>
    ShortAnswer,
}
