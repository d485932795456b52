using TorchSharp;

namespace RlaifV.Models;

/// <summary>
/// Long-lived scalars for tensor arithmetic. TorchSharp's <c>a.add(b)</c> and <c>a.sub(b)</c> build a temporary
/// alpha <see cref="Scalar"/> whose native object can be finalized while the native call still reads it; a long
/// run then crashes at random ("Unknown scalar type", or a failed toFloat check — seen in a 2,500-step world
/// pretrain). Passing a scalar held by a static field keeps it alive for the whole process.
/// </summary>
public static class Scalars
{
    /// <summary>The alpha of a plain add or subtract.</summary>
    public static readonly Scalar One = 1.ToScalar();
}
