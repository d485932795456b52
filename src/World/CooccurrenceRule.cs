namespace RlaifV.World;

/// <summary>
/// A co-occurrence bias: when an object fitting <see cref="Trigger"/> is in the scene and no object of the
/// target's colour and shape is, the description also mentions the target (with probability
/// <see cref="Probability"/>), in the first free cell after the trigger's. An <see cref="ClaimError.ExtraObject"/>.
/// </summary>
/// <param name="Name">The rule's name, recorded with each error it plants.</param>
/// <param name="Trigger">Which real object sets it off.</param>
/// <param name="Target">Size, colour and shape of the object mentioned (its cell is ignored).</param>
/// <param name="Probability">Chance of firing when it applies.</param>
public sealed record CooccurrenceRule(string Name, ObjectPattern Trigger, ObjectPattern Target, double Probability);
