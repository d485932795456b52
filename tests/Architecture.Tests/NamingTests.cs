namespace RlaifV.Architecture.Tests;

/// <summary>Names that explain themselves: no namespace that repeats its parent or shadows a project, no two public types with one name.</summary>
public class NamingTests
{
    [Fact]
    public void Namespaces_InSrc_NeitherRepeatTheirParentNorShadowAProject()
    {
        var projects = SourceTree.References().Keys.ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var (file, text) in SourceTree.CSharpFiles(SourceTree.Src))
        {
            foreach (var ns in SourceTree.Namespace().Matches(text).Select(m => m.Groups[1].Value))
            {
                var parts = ns.Split('.');
                if (parts.Zip(parts.Skip(1)).Any(p => p.First == p.Second)) problems.Add($"{file}: namespace {ns} repeats its parent");
                if (parts.Skip(2).FirstOrDefault(projects.Contains) is { } shadowed) problems.Add($"{file}: namespace {ns} has a segment named like the project {shadowed}");
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems.Distinct()));
    }

    [Fact]
    public void PublicTypes_InSrc_HaveOneNameEach()
    {
        var repeated = SourceTree.CSharpFiles(SourceTree.Src)
            .SelectMany(f => SourceTree.PublicType().Matches(f.Text).Select(m => (Name: m.Groups[1].Value, f.Relative)))
            .GroupBy(t => t.Name, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(t => t.Relative))}")
            .ToList();
        Assert.True(repeated.Count == 0, string.Join("\n", repeated));
    }
}
