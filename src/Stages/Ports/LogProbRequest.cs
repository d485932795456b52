namespace RlaifV.Stages.Ports;

/// <summary>A response whose log-probability under a model is wanted.</summary>
/// <param name="Image">The prompt's image.</param>
/// <param name="Instruction">The prompt's instruction.</param>
/// <param name="Response">The response text (its tokens, end-of-turn included, are scored).</param>
public sealed record LogProbRequest(ImageInput Image, string Instruction, string Response);
