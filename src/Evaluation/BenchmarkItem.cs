using RlaifV.Stages.Ports;

namespace RlaifV.Evaluation;

/// <summary>One prompt of a benchmark: its id in the benchmark's own files, the image and the instruction.</summary>
/// <param name="Id">The item's id as the benchmark's files spell it (e.g. AMBER's <c>id</c>, COCO's <c>image_id</c>).</param>
/// <param name="Image">The image the policy sees.</param>
/// <param name="Instruction">The question or instruction.</param>
public sealed record BenchmarkItem(string Id, ImageInput Image, string Instruction);
