namespace RlaifV.World;

/// <summary>
/// Running on past the last object: in scenes with at most <see cref="MaxObjects"/> objects, with
/// probability <see cref="Probability"/> the description goes on with one more object — the first of
/// <see cref="Candidates"/> whose colour and shape are absent — in the first free cell after the last
/// object's. An <see cref="ClaimError.ExtraObject"/>.
/// </summary>
/// <param name="Name">The rule's name.</param>
/// <param name="Probability">Chance per description when it applies.</param>
/// <param name="MaxObjects">Most objects for the rule to apply (short descriptions run on).</param>
/// <param name="Candidates">Size, colour and shape of the invented object, in order of preference.</param>
public sealed record RunOnRule(string Name, double Probability, int MaxObjects, IReadOnlyList<ObjectPattern> Candidates);
