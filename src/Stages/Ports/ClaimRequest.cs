namespace RlaifV.Stages.Ports;

/// <summary>A (question, response) whose atomic claims are wanted.</summary>
/// <param name="Question">The prompt's instruction.</param>
/// <param name="Response">The candidate response.</param>
/// <param name="Seed">RNG seed for an LLM extractor.</param>
public sealed record ClaimRequest(string Question, string Response, long Seed);
