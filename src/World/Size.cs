namespace RlaifV.World;

/// <summary>The two object sizes.</summary>
public enum Size
{
    /// <summary>Small: about half a grid cell across.</summary>
    Small,

    /// <summary>Big: nearly a whole grid cell across.</summary>
    Big,
}
