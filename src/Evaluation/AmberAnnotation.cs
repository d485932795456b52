namespace RlaifV.Evaluation;

/// <summary>One AMBER item's annotation.</summary>
/// <param name="Generative">Whether the item is a description (else a yes/no question).</param>
/// <param name="Truth">Generative: the true objects; discriminative: one element, "yes" or "no".</param>
/// <param name="Hallu">Generative: the hallucination-prone objects.</param>
public sealed record AmberAnnotation(bool Generative, IReadOnlyList<string> Truth, IReadOnlyList<string> Hallu);
