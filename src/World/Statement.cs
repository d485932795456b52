namespace RlaifV.World;

/// <summary>
/// One simple declarative sentence of the world's language, in structured form: an
/// <see cref="ExistenceStatement"/>, a <see cref="PropertyStatement"/> or a <see cref="BackgroundStatement"/>.
/// <see cref="WorldParser"/> reads text into statements; <see cref="Text"/> writes them back.
/// </summary>
public abstract record Statement
{
    /// <summary>The sentence, capitalised, ending with a full stop.</summary>
    public abstract string Text { get; }

    /// <summary>
    /// The polar question with the same meaning, negation kept, as the rule-based rewriter phrases it
    /// ("Is there a big red circle in the top left?", "Is there no green star?", "Is the big circle red?"),
    /// without the answer-format suffix.
    /// </summary>
    public abstract string PolarQuestion { get; }

    /// <inheritdoc />
    public override string ToString() => Text;
}
