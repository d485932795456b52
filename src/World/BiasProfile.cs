namespace RlaifV.World;

/// <summary>
/// The systematic biases and random error rates that turn true descriptions into a policy's SFT targets.
/// Systematic biases survive greedy decoding (random noise is averaged away), and rules of different
/// strengths make the decline over RLAIF-V rounds gradual.
/// </summary>
public sealed record BiasProfile
{
    /// <summary>Co-occurrence biases (extra objects).</summary>
    public IReadOnlyList<CooccurrenceRule> Cooccurrences { get; init; } = [];

    /// <summary>Colour confusions (wrong colours).</summary>
    public IReadOnlyList<ColourConfusionRule> ColourConfusions { get; init; } = [];

    /// <summary>Position slips (wrong positions).</summary>
    public IReadOnlyList<PositionSlipRule> PositionSlips { get; init; } = [];

    /// <summary>Miscounts of the object total.</summary>
    public IReadOnlyList<CountSlipRule> CountSlips { get; init; } = [];

    /// <summary>Running on past the last object, or null for never.</summary>
    public RunOnRule? RunOn { get; init; }

    /// <summary>
    /// Random errors: for each type (<see cref="ClaimError.WrongColour"/>, <see cref="ClaimError.WrongSize"/>,
    /// <see cref="ClaimError.WrongPosition"/>, <see cref="ClaimError.WrongCount"/>, <see cref="ClaimError.ExtraObject"/>),
    /// the chance that one such error is planted in a description.
    /// </summary>
    public IReadOnlyDictionary<ClaimError, double> RandomErrorRates { get; init; } = new Dictionary<ClaimError, double>();

    /// <summary>No biases: descriptions stay true.</summary>
    public static BiasProfile None { get; } = new();

    /// <summary>
    /// The default profile. Rules with p &gt; 0.5 survive greedy decoding: three co-occurrences firing with
    /// p = 0.85, 0.7 and 0.55 (a red circle brings a yellow star, a blue square a green triangle, a purple
    /// triangle an orange square), small orange circles called red (0.6), six objects counted as five (0.6), and a
    /// lone object followed by an invented one (running on, 0.6). Weaker rules (a big triangle brings a red
    /// circle, 0.2; small purple objects called blue, 0.3; the bottom middle put in the center, 0.3) and
    /// 1–2 % random errors of each type shape only the sampled responses. About half of the descriptions
    /// carry an error (InjectorTests pins 40–65 %).
    /// </summary>
    public static BiasProfile Default { get; } = new()
    {
        Cooccurrences =
        [
            new("red-circle-yellow-star", new(Colour: Colour.Red, Shape: Shape.Circle), new(Size.Small, Colour.Yellow, Shape.Star), 0.85),
            new("blue-square-green-triangle", new(Colour: Colour.Blue, Shape: Shape.Square), new(Size.Big, Colour.Green, Shape.Triangle), 0.7),
            new("purple-triangle-orange-square", new(Colour: Colour.Purple, Shape: Shape.Triangle), new(Size.Small, Colour.Orange, Shape.Square), 0.55),
            new("big-triangle-red-circle", new(Size.Big, Shape: Shape.Triangle), new(Size.Small, Colour.Red, Shape.Circle), 0.2),
        ],
        ColourConfusions =
        [
            new("small-orange-circle-as-red", new(Size.Small, Colour.Orange, Shape.Circle), Colour.Red, 0.6),
            new("small-purple-as-blue", new(Size.Small, Colour.Purple), Colour.Blue, 0.3),
        ],
        PositionSlips = [new("bottom-middle-to-center", new Cell(2, 1), new Cell(1, 1), 0.3)],
        CountSlips = [new("six-as-five", 6, -1, 0.6)],
        RunOn = new("run-on", 0.6, 1, [new(Size.Small, Colour.Blue, Shape.Circle), new(Size.Big, Colour.Green, Shape.Square), new(Size.Small, Colour.Purple, Shape.Star)]),
        RandomErrorRates = new Dictionary<ClaimError, double>
        {
            [ClaimError.WrongColour] = 0.02,
            [ClaimError.WrongPosition] = 0.015,
            [ClaimError.ExtraObject] = 0.02,
            [ClaimError.WrongCount] = 0.01,
            [ClaimError.WrongSize] = 0.01,
        },
    };

    /// <summary>
    /// What greedy decoding makes of this profile in a perfectly trained policy: every rule that fires
    /// more often than not (p &gt; 0.5) always fires, every other rule and all random errors vanish. Its
    /// hallucination rate predicts a well-trained SFT policy's greedy rate on held-out scenes.
    /// </summary>
    public BiasProfile GreedyLimit()
    {
        static double Sharpen(double p) => p > 0.5 ? 1 : 0;
        return new BiasProfile
        {
            Cooccurrences = Cooccurrences.Select(r => r with { Probability = Sharpen(r.Probability) }).ToList(),
            ColourConfusions = ColourConfusions.Select(r => r with { Probability = Sharpen(r.Probability) }).ToList(),
            PositionSlips = PositionSlips.Select(r => r with { Probability = Sharpen(r.Probability) }).ToList(),
            CountSlips = CountSlips.Select(r => r with { Probability = Sharpen(r.Probability) }).ToList(),
            RunOn = RunOn is null ? null : RunOn with { Probability = Sharpen(RunOn.Probability) },
        };
    }
}
