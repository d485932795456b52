namespace RlaifV.Serving.Tests;

/// <summary>The shipped world models (tiny LLaVA-1.5 checkpoints), served by the tests.</summary>
internal static class WorldWeights
{
    public static string Root()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "RlaifV.sln"))) root = Path.GetDirectoryName(root)!;
        return root;
    }

    public static string Policy => Path.Combine(Root(), "src", "World", "Weights", "policy");

    public static string Labeler => Path.Combine(Root(), "src", "World", "Weights", "labeler");
}
