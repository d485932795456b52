namespace RlaifV.Deploy.Tests;

/// <summary>Paths in the repository.</summary>
internal static class Repo
{
    /// <summary>The repository root (the folder holding RlaifV.sln).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>deploy/helm/rlaifv.</summary>
    public static string Chart => Path.Combine(Root, "deploy", "helm", "rlaifv");

    /// <summary>The dashboards (inside the chart, which includes them).</summary>
    public static IReadOnlyList<string> Dashboards =>
        Directory.GetFiles(Path.Combine(Chart, "files", "grafana"), "*.json").Order(StringComparer.Ordinal).ToList();

    /// <summary>The alert rules file.</summary>
    public static string Rules => Path.Combine(Chart, "files", "prometheus", "rlaifv-rules.yaml");

    /// <summary>The first of <paramref name="names"/> found on PATH (or as an absolute path), or null.</summary>
    public static string? Tool(params string[] names)
    {
        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries);
        foreach (var name in names)
        {
            if (Path.IsPathRooted(name) && File.Exists(name)) return name;
            foreach (var dir in dirs)
            {
                var candidate = Path.Combine(dir, name);
                if (File.Exists(candidate)) return candidate;
            }
        }
        return null;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "RlaifV.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("RlaifV.sln not found above " + AppContext.BaseDirectory);
    }
}
