namespace RlaifV.World;

/// <summary>The background colours. <see cref="White"/> is the plain default, which descriptions leave unsaid.</summary>
public enum Background
{
    /// <summary>Plain white (the default; not mentioned in the canonical description).</summary>
    White,

    /// <summary>Gray.</summary>
    Gray,

    /// <summary>Black.</summary>
    Black,
}
