namespace RlaifV.Evaluation;

/// <summary>The benchmarks <c>rlaifv eval --benchmark</c> reads (spelled as on the command line).</summary>
public enum Benchmark
{
    /// <summary>Object HalBench: detailed descriptions of COCO val2014 images, CHAIR_s / CHAIR_i against COCO's objects.</summary>
    ObjectHalbench,

    /// <summary>AMBER: generative (CHAIR, Cover, Hal, Cog) and discriminative (yes/no accuracy, F1) hallucination.</summary>
    Amber,

    /// <summary>MMHal-Bench: a judge rates each answer 0–6 against the image content and the reference answer.</summary>
    Mmhal,

    /// <summary>A RefoMB-style pairwise comparison: a judge with the reference description compares two policies' answers.</summary>
    Refomb,
}
