namespace RlaifV.Stages.Ports;

/// <summary>One row of a text-only LLM call.</summary>
/// <param name="Prompt">The user message (the backend applies its chat template).</param>
/// <param name="Seed">The row's RNG seed.</param>
public sealed record TextGenerationRequest(string Prompt, long Seed);
