namespace RlaifV.World;

/// <summary>A response with planted errors: its statements in order, and the errors among them.</summary>
/// <param name="Statements">The sentences of the response.</param>
/// <param name="Errors">The false ones, each with its type and rule (empty when nothing fired).</param>
public sealed record CorruptedResponse(IReadOnlyList<Statement> Statements, IReadOnlyList<InjectedError> Errors)
{
    /// <summary>The response text, sentences separated by single spaces.</summary>
    public string Text => Describer.Join(Statements);
}
