namespace RlaifV.Stages.Ports;

/// <summary>One generated response.</summary>
/// <param name="Text">The decoded text, stop token excluded, trimmed.</param>
/// <param name="TokenCount">Number of generated tokens.</param>
public sealed record SampledText(string Text, int TokenCount);
