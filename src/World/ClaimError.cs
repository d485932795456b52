namespace RlaifV.World;

/// <summary>
/// Why a claim is false, as the checker diagnoses it, and the error types the injector plants. A false claim
/// about an object is diagnosed by the nearest real object: one that fits every attribute named but the
/// colour is <see cref="WrongColour"/>, then size, then position; none at all is <see cref="ExtraObject"/>.
/// </summary>
public enum ClaimError
{
    /// <summary>No error (the claim is true or unjudgeable).</summary>
    None,

    /// <summary>A real object named with the wrong colour.</summary>
    WrongColour,

    /// <summary>A real object named with the wrong size.</summary>
    WrongSize,

    /// <summary>A real object placed in the wrong cell.</summary>
    WrongPosition,

    /// <summary>A wrong number ("There are four objects." with three).</summary>
    WrongCount,

    /// <summary>An object that is not in the scene at all (object hallucination in the CHAIR sense).</summary>
    ExtraObject,

    /// <summary>A negation that is false: "There is no green star." with a green star present.</summary>
    FalseAbsence,

    /// <summary>The wrong background colour.</summary>
    WrongBackground,
}
