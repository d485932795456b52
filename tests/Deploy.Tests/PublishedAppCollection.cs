namespace RlaifV.Deploy.Tests;

/// <summary>The tests that run the published program: one publish for all of them, one run at a time (each uses every core).</summary>
[CollectionDefinition(Name)]
public sealed class PublishedAppCollection : ICollectionFixture<PublishedApp>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "published app";
}
