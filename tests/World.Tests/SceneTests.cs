using SkiaSharp;

namespace RlaifV.World.Tests;

public class SceneTests
{
    [Fact]
    public void WorldRandom_KnownSeed_PinnedSequence()
    {
        // Pins the algorithm (xoshiro256** seeded by SplitMix64): a change here changes every scene.
        var rng = new WorldRandom(0);
        Assert.Equal([0x99EC5F36CB75F2B4UL, 0xBF6E1F784956452AUL], new[] { rng.NextUInt64(), rng.NextUInt64() });
    }

    [Fact]
    public void Generate_SameSeed_IdenticalScene()
    {
        for (ulong seed = 0; seed < 50; seed++)
            Assert.Equal(SceneGenerator.Generate(seed).ToCode(), SceneGenerator.Generate(seed).ToCode());
    }

    [Fact]
    public void Generate_DifferentSeeds_DifferentScenes()
    {
        var codes = Fixtures.Scenes(200).Select(s => s.Scene.ToCode()).ToHashSet();
        Assert.True(codes.Count >= 195, $"only {codes.Count} distinct scenes in 200 seeds");
    }

    [Fact]
    public void Generate_ManySeeds_StaysInRangesAndUsesEveryValue()
    {
        var scenes = Fixtures.Scenes(500).Select(s => s.Scene).ToList();
        Assert.All(scenes, s =>
        {
            Assert.InRange(s.Objects.Count, 1, 6);
            Assert.Equal(s.Objects.Count, s.Objects.Select(o => o.Cell).Distinct().Count());
        });
        var objects = scenes.SelectMany(s => s.Objects).ToList();
        Assert.Equal(4, objects.Select(o => o.Shape).Distinct().Count());
        Assert.Equal(6, objects.Select(o => o.Colour).Distinct().Count());
        Assert.Equal(2, objects.Select(o => o.Size).Distinct().Count());
        Assert.Equal(9, objects.Select(o => o.Cell).Distinct().Count());
        Assert.Equal(6, scenes.Select(s => s.Objects.Count).Distinct().Count());
        Assert.Equal(3, scenes.Select(s => s.Background).Distinct().Count());
    }

    [Fact]
    public void SceneCode_RoundTrip_SameScene()
    {
        foreach (var (_, scene) in Fixtures.Scenes(100)) Assert.Equal(scene, Scene.Parse(scene.ToCode()));
        Assert.Equal("gray|big red circle@0;small blue square@4;big green star@8", Fixtures.Three.ToCode());
    }

    [Fact]
    public void Scene_TwoObjectsOnOneCell_Throws()
    {
        Assert.Throws<ArgumentException>(() => new Scene(
            [new SceneObject(Shape.Star, Colour.Red, Size.Big, new Cell(1, 1)), new SceneObject(Shape.Circle, Colour.Blue, Size.Small, new Cell(1, 1))],
            Background.White));
    }

    [Fact]
    public void Render_SameSeed_SameBytes()
    {
        for (ulong seed = 0; seed < 20; seed++)
        {
            var a = SceneRenderer.Render(SceneGenerator.Generate(seed));
            var b = SceneRenderer.Render(SceneGenerator.Generate(seed));
            Assert.Equal(a.Png, b.Png);
            Assert.Equal(a.Sha256, b.Sha256);
            Assert.Equal(RlaifV.Schemas.ImageRef.HashOf(a.Png), a.Sha256);
        }
    }

    [Fact]
    public void Render_FixedScene_PinnedSha256()
    {
        // Pins the rendering and PNG encoding (SkiaSharp 4.155.0): a change here changes every image hash.
        Assert.Equal("c32b6f27dc0571c8deea0cdf3c1cff031d90cf549b7dca56d7a9a449377c54b4", SceneRenderer.Render(Fixtures.Three).Sha256);
    }

    [Fact]
    public void Render_DifferentSeeds_DifferentBytes()
    {
        var hashes = Enumerable.Range(0, 50).Select(i => SceneRenderer.Render(SceneGenerator.Generate((ulong)i)).Sha256).ToHashSet();
        Assert.True(hashes.Count >= 49);
    }

    [Fact]
    public void Render_ObjectCells_ShowObjectColourAndBackgroundElsewhere()
    {
        foreach (var (_, scene) in Fixtures.Scenes(40).Append((0UL, Fixtures.Three)))
        {
            var image = SceneRenderer.Render(scene);
            using var bitmap = SKBitmap.Decode(image.Png);
            Assert.Equal(48, bitmap.Width);
            Assert.Equal(48, bitmap.Height);
            foreach (var cell in Cell.All)
            {
                var pixel = bitmap.GetPixel((cell.Column * 16) + 8, (cell.Row * 16) + 8);
                var o = scene.ObjectAt(cell);
                var (r, g, b) = o is null ? SceneRenderer.BackgroundRgb[(int)scene.Background] : SceneRenderer.ColourRgb[(int)o.Colour];
                Assert.Equal((r, g, b), (pixel.Red, pixel.Green, pixel.Blue));
                // A corner of every cell is background: objects stay inside their cells.
                var corner = bitmap.GetPixel(cell.Column * 16, cell.Row * 16);
                Assert.Equal(SceneRenderer.BackgroundRgb[(int)scene.Background], (corner.Red, corner.Green, corner.Blue));
            }
        }
    }

    [Fact]
    public void Render_BigAndSmall_DifferInPaintedArea()
    {
        int Painted(Size size)
        {
            var scene = new Scene([new SceneObject(Shape.Square, Colour.Red, size, new Cell(1, 1))], Background.White);
            using var bitmap = SKBitmap.Decode(SceneRenderer.Render(scene).Png);
            return Enumerable.Range(0, 48 * 48).Count(i => bitmap.GetPixel(i % 48, i / 48) != SKColors.White);
        }
        Assert.True(Painted(Size.Big) > 2 * Painted(Size.Small));
    }
}
