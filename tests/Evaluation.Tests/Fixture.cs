namespace RlaifV.Evaluation.Tests;

/// <summary>The committed fixtures (tiny files in each benchmark's published layout, under Fixtures/).</summary>
internal static class Fixture
{
    public static string Path(params string[] parts) => System.IO.Path.Combine([AppContext.BaseDirectory, "Fixtures", .. parts]);
}
