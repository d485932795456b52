using RlaifV.Stages.Ports;

namespace RlaifV.Training;

/// <summary>One prompt of a best-of-N request: the image, the instruction, and one sampling seed per candidate (N = seeds).</summary>
/// <param name="Image">The image.</param>
/// <param name="Instruction">The instruction.</param>
/// <param name="Seeds">One seed per candidate.</param>
public sealed record BestOfNPrompt(ImageInput Image, string Instruction, IReadOnlyList<long> Seeds);
