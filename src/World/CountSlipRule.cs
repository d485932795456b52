namespace RlaifV.World;

/// <summary>A systematic miscount: with at least <see cref="MinObjects"/> objects, the count sentence is off by <see cref="Delta"/> with probability <see cref="Probability"/>. A <see cref="ClaimError.WrongCount"/>.</summary>
/// <param name="Name">The rule's name.</param>
/// <param name="MinObjects">Fewest objects for the rule to apply.</param>
/// <param name="Delta">Added to the true count (the result stays in 1 … 6).</param>
/// <param name="Probability">Chance when it applies.</param>
public sealed record CountSlipRule(string Name, int MinObjects, int Delta, double Probability);
