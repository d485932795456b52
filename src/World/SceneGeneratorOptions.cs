namespace RlaifV.World;

/// <summary>How scenes are drawn. Defaults: 1–6 objects, a non-white background in 30 % of scenes.</summary>
public sealed record SceneGeneratorOptions
{
    /// <summary>Fewest objects in a scene (at least 1).</summary>
    public int MinObjects { get; init; } = 1;

    /// <summary>Most objects in a scene (at most 6, so that every count has a number word and cells stay free).</summary>
    public int MaxObjects { get; init; } = 6;

    /// <summary>Probability that the background is gray or black instead of plain white.</summary>
    public double BackgroundProbability { get; init; } = 0.3;

    /// <summary>The defaults.</summary>
    public static SceneGeneratorOptions Default { get; } = new();

    /// <summary>Throws when a value is out of range, naming it.</summary>
    public void Validate()
    {
        if (MinObjects < 1 || MinObjects > MaxObjects || MaxObjects > Lexicon.MaxNumber)
            throw new ArgumentOutOfRangeException(nameof(MaxObjects), $"objects per scene {MinObjects}–{MaxObjects}: allowed is 1 ≤ min ≤ max ≤ {Lexicon.MaxNumber}");
        if (BackgroundProbability is < 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(BackgroundProbability), BackgroundProbability, "allowed is 0 … 1");
    }
}
