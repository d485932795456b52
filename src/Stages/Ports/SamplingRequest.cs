namespace RlaifV.Stages.Ports;

/// <summary>One row of a batched policy call: the prompt's image and instruction, and this row's seed.</summary>
/// <param name="Image">The prompt's image.</param>
/// <param name="Instruction">The instruction (the policy's chat template is applied by the backend).</param>
/// <param name="Seed">The row's own RNG seed; a row's draw must not depend on its batch neighbours.</param>
public sealed record SamplingRequest(ImageInput Image, string Instruction, long Seed);
