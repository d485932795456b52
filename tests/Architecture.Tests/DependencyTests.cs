namespace RlaifV.Architecture.Tests;

/// <summary>
/// Dependencies point one way, from the host down to Schemas (docs/architecture.md): Schemas references no project,
/// Stages only Schemas, and nothing but Runtime references World or Runtime.
/// </summary>
public class DependencyTests
{
    /// <summary>What each src project may reference; a new project must be placed here before it builds green.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["Schemas"] = [],
        ["Stages"] = ["Schemas"],
        ["Models"] = ["Schemas", "Stages"],
        ["Kafka"] = ["Schemas", "Stages"],
        ["Remote"] = ["Schemas", "Stages"],
        ["Serving"] = ["Schemas", "Stages", "Models"],
        ["Training"] = ["Schemas", "Stages", "Models", "Kafka"],
        ["Orchestration"] = ["Schemas", "Stages", "Models", "Kafka", "Training"],
        ["Evaluation"] = ["Schemas", "Stages"],
        ["World"] = ["Schemas", "Stages", "Models", "Training", "Orchestration"],
        ["Runtime"] = ["Schemas", "Stages", "Models", "Kafka", "Training", "Orchestration", "World", "Remote", "Serving", "Evaluation"],
    };

    [Fact]
    public void ProjectReferences_EverySrcProject_ReferencesOnlyWhatItMay()
    {
        var references = SourceTree.References();
        Assert.NotEmpty(references);
        var problems = new List<string>();
        foreach (var (project, referenced) in references)
        {
            if (!Allowed.TryGetValue(project, out var allowed))
            {
                problems.Add($"src/{project}: not in the dependency rules; add it to {nameof(DependencyTests)}.Allowed and docs/architecture.md");
                continue;
            }
            problems.AddRange(referenced.Where(r => !allowed.Contains(r)).Select(r => $"src/{project} references {r}; it may reference only: {string.Join(", ", allowed)}"));
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void ProjectReferences_NothingButRuntime_ReferencesWorldOrRuntime()
    {
        var offenders = SourceTree.References()
            .Where(p => p.Key != "Runtime")
            .SelectMany(p => p.Value.Where(r => r is "World" or "Runtime").Select(r => $"src/{p.Key} → {r}"))
            .ToList();
        Assert.True(offenders.Count == 0, string.Join("\n", offenders));
    }

    [Fact]
    public void ReferencesOf_ACsprojWithAReference_ReadsItsFolderName()
    {
        using var dir = new TempFolder();
        var csproj = Path.Combine(dir.Path, "Stages", "RlaifV.Stages.csproj");
        Directory.CreateDirectory(Path.GetDirectoryName(csproj)!);
        File.WriteAllText(csproj, """
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup>
                <ProjectReference Include="../Schemas/RlaifV.Schemas.csproj" />
                <ProjectReference Include="..\Runtime\RlaifV.Runtime.csproj" />
              </ItemGroup>
            </Project>
            """);
        Assert.Equal(["Schemas", "Runtime"], SourceTree.ReferencesOf(csproj));
    }

    [Fact]
    public void Runtime_NamesTheBuiltInWorld_OnlyWhereItRegistersIt()
    {
        // The root config composes the world's section record, input.source: world is registered in one place, and the
        // world verbs are wired in one; nothing else in the host knows about scenes.
        string[] allowed = ["Config/PipelineOptions.cs", "Composition/RoundInputs.cs", "Cli/WorldCommand.cs"];
        var offenders = SourceTree.CSharpFiles(Path.Combine(SourceTree.Src, "Runtime"))
            .Where(f => f.Text.Contains("RlaifV.World", StringComparison.Ordinal) && !allowed.Contains(f.Relative))
            .Select(f => f.Relative)
            .ToList();
        Assert.True(offenders.Count == 0, "src/Runtime files naming RlaifV.World: " + string.Join(", ", offenders));
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("rlaifv-arch-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
