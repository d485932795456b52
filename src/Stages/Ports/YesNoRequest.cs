namespace RlaifV.Stages.Ports;

/// <summary>One polar question about an image for the labeler.</summary>
/// <param name="Image">The image.</param>
/// <param name="Question">The question, suffix " Please answer yes or no." included.</param>
public sealed record YesNoRequest(ImageInput Image, string Question);
