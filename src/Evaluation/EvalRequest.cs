namespace RlaifV.Evaluation;

/// <summary>What <c>rlaifv eval</c> is asked.</summary>
/// <param name="Benchmark">The benchmark.</param>
/// <param name="Data">The benchmark's files: Object HalBench's question file, AMBER's folder, MMHal-Bench's response template, the RefoMB-style items file.</param>
/// <param name="Coco">Object HalBench: COCO 2014's annotations folder (null: <c>annotations</c> beside the question file).</param>
/// <param name="Policy">The policy checkpoint folder measured (policy A of a pairwise comparison).</param>
/// <param name="Against">The pairwise comparison's policy B; null for the other benchmarks.</param>
public sealed record EvalRequest(Benchmark Benchmark, string Data, string? Coco, string Policy, string? Against);
