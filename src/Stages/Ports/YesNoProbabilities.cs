namespace RlaifV.Stages.Ports;

/// <summary>
/// The labeler's probabilities of the four answer tokens at the first answer position, each from one
/// softmax over the whole vocabulary (so they need not sum to one).
/// </summary>
/// <param name="Yes">P("yes").</param>
/// <param name="YesCapital">P("Yes").</param>
/// <param name="No">P("no").</param>
/// <param name="NoCapital">P("No").</param>
public sealed record YesNoProbabilities(double Yes, double YesCapital, double No, double NoCapital)
{
    /// <summary>P(yes)+P(Yes).</summary>
    public double PYes => Yes + YesCapital;

    /// <summary>P(no)+P(No).</summary>
    public double PNo => No + NoCapital;
}
