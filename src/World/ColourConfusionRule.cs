namespace RlaifV.World;

/// <summary>A systematic colour confusion: each object fitting <see cref="Target"/> is called <see cref="To"/> with probability <see cref="Probability"/>. A <see cref="ClaimError.WrongColour"/>.</summary>
/// <param name="Name">The rule's name.</param>
/// <param name="Target">Which objects are misnamed (its colour must differ from <paramref name="To"/>).</param>
/// <param name="To">The colour said instead.</param>
/// <param name="Probability">Chance per object.</param>
public sealed record ColourConfusionRule(string Name, ObjectPattern Target, Colour To, double Probability);
