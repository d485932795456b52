namespace RlaifV.World;

/// <summary>The instruction kinds of the world: the detailed description and four short questions.</summary>
public enum QuestionKind
{
    /// <summary>"Describe this image in detail."</summary>
    Describe,

    /// <summary>"What color is the big circle?"</summary>
    Colour,

    /// <summary>"How many squares are there?"</summary>
    Count,

    /// <summary>"Is there a red star?"</summary>
    Exists,

    /// <summary>"Where is the blue triangle?"</summary>
    Where,
}
