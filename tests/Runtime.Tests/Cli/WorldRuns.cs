namespace RlaifV.Runtime.Tests.Cli;

/// <summary>Tests that run the main job on the real tiny models: one at a time (each uses every core and the configured metrics port).</summary>
[CollectionDefinition(Name)]
public sealed class WorldRuns
{
    /// <summary>The collection's name.</summary>
    public const string Name = "world runs";
}
