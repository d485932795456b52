namespace RlaifV.World;

/// <summary>The checker's verdict on one claim.</summary>
public enum Truth
{
    /// <summary>The claim cannot be judged: it is not in the world's language, or it is ambiguous ("the circle" with two circles of different colours).</summary>
    Unjudgeable,

    /// <summary>The scene makes the claim true.</summary>
    True,

    /// <summary>The scene makes the claim false: a hallucination.</summary>
    False,
}
