namespace RlaifV.World;

/// <summary>A systematic position slip: an object in <see cref="From"/> is placed in <see cref="To"/> (when that cell is free) with probability <see cref="Probability"/>. A <see cref="ClaimError.WrongPosition"/>.</summary>
/// <param name="Name">The rule's name.</param>
/// <param name="From">The true cell.</param>
/// <param name="To">The cell said instead.</param>
/// <param name="Probability">Chance when it applies.</param>
public sealed record PositionSlipRule(string Name, Cell From, Cell To, double Probability);
