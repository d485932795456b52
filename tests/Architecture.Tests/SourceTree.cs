using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace RlaifV.Architecture.Tests;

/// <summary>The repository's src/ tree as the rules read it: projects and their references, C# files.</summary>
internal static partial class SourceTree
{
    public static string Root { get; } = FindRoot();

    public static string Src => Path.Combine(Root, "src");

    /// <summary>Every src/*/*.csproj: the project's folder name and the folder names of the projects it references.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> References() =>
        Directory.GetDirectories(Src)
            .SelectMany(dir => Directory.GetFiles(dir, "*.csproj"))
            .ToDictionary(
                file => Path.GetFileName(Path.GetDirectoryName(file)!),
                file => (IReadOnlyList<string>)ReferencesOf(file),
                StringComparer.Ordinal);

    /// <summary>The folder names of the projects <paramref name="csproj"/> references (ProjectReference Include paths).</summary>
    public static List<string> ReferencesOf(string csproj) =>
        XDocument.Load(csproj).Descendants()
            .Where(e => e.Name.LocalName == "ProjectReference")
            .Select(e => (string?)e.Attribute("Include") ?? string.Empty)
            .Select(include => Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(csproj)!, include.Replace('\\', '/'))))!))
            .ToList();

    /// <summary>The C# files under <paramref name="folder"/> (build outputs left out), relative to it with forward slashes.</summary>
    public static IEnumerable<(string Relative, string Text)> CSharpFiles(string folder) =>
        Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal))
            .Select(f => (Path.GetRelativePath(folder, f).Replace('\\', '/'), File.ReadAllText(f)));

    [GeneratedRegex(@"^namespace ([A-Za-z0-9_.]+);", RegexOptions.Multiline)]
    public static partial Regex Namespace();

    [GeneratedRegex(@"\bpublic (?:(?:sealed|static|abstract|readonly|partial) )*(?:class|record struct|record|interface|enum|struct) ([A-Za-z0-9_]+)")]
    public static partial Regex PublicType();

    private static string FindRoot()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "RlaifV.sln"))) root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("RlaifV.sln not found above " + AppContext.BaseDirectory);
        return root;
    }
}
