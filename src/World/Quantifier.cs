namespace RlaifV.World;

/// <summary>How an existence sentence counts the objects it names.</summary>
public enum Quantifier
{
    /// <summary>"There is a red circle": at least one.</summary>
    Some,

    /// <summary>"There are two squares", "There is one star": exactly that many.</summary>
    Exactly,

    /// <summary>"There is no green star", "There are no squares": none.</summary>
    None,
}
