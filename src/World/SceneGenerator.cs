namespace RlaifV.World;

/// <summary>Draws scenes from a seed: the same seed gives the same scene on every machine.</summary>
public static class SceneGenerator
{
    /// <summary>
    /// The scene of <paramref name="seed"/>: an object count uniform in [min, max], distinct cells, and
    /// shape, colour and size uniform and independent per object; then the background.
    /// </summary>
    public static Scene Generate(ulong seed, SceneGeneratorOptions? options = null)
    {
        options ??= SceneGeneratorOptions.Default;
        options.Validate();
        var rng = new WorldRandom(seed);
        var count = rng.NextInt(options.MinObjects, options.MaxObjects);
        var cells = rng.Shuffle(Cell.All).Take(count).ToList();
        var objects = cells.Select(cell => new SceneObject(
            (Shape)rng.NextInt(Enum.GetValues<Shape>().Length),
            (Colour)rng.NextInt(Enum.GetValues<Colour>().Length),
            (Size)rng.NextInt(Enum.GetValues<Size>().Length),
            cell)).ToList();
        var background = rng.Chance(options.BackgroundProbability) ? (rng.Chance(0.5) ? Background.Gray : Background.Black) : Background.White;
        return new Scene(objects, background);
    }
}
