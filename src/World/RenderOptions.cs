namespace RlaifV.World;

/// <summary>How scenes are drawn into images. Default: 48×48 pixels (16-pixel cells), aliased edges.</summary>
public sealed record RenderOptions
{
    /// <summary>Width and height in pixels; a multiple of 3 keeps cells whole.</summary>
    public int ImageSize { get; init; } = 48;

    /// <summary>The defaults.</summary>
    public static RenderOptions Default { get; } = new();

    /// <summary>Throws when a value is out of range, naming it.</summary>
    public void Validate()
    {
        if (ImageSize < 12 || ImageSize > 1024 || ImageSize % Cell.GridSize != 0)
            throw new ArgumentOutOfRangeException(nameof(ImageSize), ImageSize, "allowed: a multiple of 3 in 12 … 1024");
    }
}
