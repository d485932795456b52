namespace RlaifV.World.Tests;

/// <summary>Hand-made scenes for the tests.</summary>
internal static class Fixtures
{
    /// <summary>Big red circle top left, small blue square center, big green star bottom right, gray background.</summary>
    public static Scene Three { get; } = new(
    [
        new SceneObject(Shape.Circle, Colour.Red, Size.Big, new Cell(0, 0)),
        new SceneObject(Shape.Square, Colour.Blue, Size.Small, new Cell(1, 1)),
        new SceneObject(Shape.Star, Colour.Green, Size.Big, new Cell(2, 2)),
    ], Background.Gray);

    /// <summary>Two circles (red top left, blue top right) and an orange triangle bottom left, white background.</summary>
    public static Scene TwoCircles { get; } = new(
    [
        new SceneObject(Shape.Circle, Colour.Red, Size.Small, new Cell(0, 0)),
        new SceneObject(Shape.Circle, Colour.Blue, Size.Big, new Cell(0, 2)),
        new SceneObject(Shape.Triangle, Colour.Orange, Size.Big, new Cell(2, 0)),
    ], Background.White);

    /// <summary>Seeds 0 … n-1 as scenes.</summary>
    public static IEnumerable<(ulong Seed, Scene Scene)> Scenes(int n) =>
        Enumerable.Range(0, n).Select(i => ((ulong)i, SceneGenerator.Generate((ulong)i)));
}
