namespace RlaifV.World;

/// <summary>"The background is gray."</summary>
/// <param name="Background">The colour claimed.</param>
public sealed record BackgroundStatement(Background Background) : Statement
{
    /// <inheritdoc />
    public override string Text => $"The background is {Lexicon.Word(Background)}.";

    /// <inheritdoc />
    public override string PolarQuestion => $"Is the background {Lexicon.Word(Background)}?";
}
