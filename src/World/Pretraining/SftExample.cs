using RlaifV.Stages.Ports;

namespace RlaifV.World.Pretraining;

/// <summary>One supervised example: an image, the instruction, and the response the model is taught to give.</summary>
/// <param name="Image">The encoded image.</param>
/// <param name="Instruction">The instruction (the chat template is applied by the backend).</param>
/// <param name="Response">The target response (its end-of-turn token is added and learned too).</param>
public sealed record SftExample(ImageInput Image, string Instruction, string Response);
