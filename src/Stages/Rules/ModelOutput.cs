namespace RlaifV.Stages.Rules;

/// <summary>Checks on what a model backend returned.</summary>
public static class ModelOutput
{
    /// <summary>Throws when a backend returned a different number of rows than it was asked for.</summary>
    public static void RequireCount(int actual, int expected, string modelId)
    {
        if (actual != expected)
            throw new InvalidOperationException($"model '{modelId}' returned {actual} results for {expected} inputs");
    }
}
