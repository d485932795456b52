using System.Text.RegularExpressions;

namespace RlaifV.Deploy.Tests;

/// <summary>
/// What can be checked in the Dockerfiles without a Docker daemon: the restore layer copies every product project
/// (a new one would otherwise break the image's restore), the build runs the tested publish script, the image runs
/// as a non-root user with a health check on /healthz, and the CUDA image selects the CUDA TorchSharp.
/// </summary>
public class DockerfileTests
{
    private static readonly string Docker = Path.Combine(Repo.Root, "deploy", "docker");

    public static TheoryData<string> Dockerfiles() => new() { "Dockerfile", "Dockerfile.cuda" };

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Dockerfile_RestoreLayer_CopiesEveryProductProjectBeforeTheSources(string name)
    {
        var text = File.ReadAllText(Path.Combine(Docker, name));
        var restore = text.IndexOf("dotnet restore", StringComparison.Ordinal);
        var sources = text.IndexOf("COPY . .", StringComparison.Ordinal);
        Assert.True(restore > 0 && sources > restore, $"{name}: restore must come before COPY . .");
        foreach (var project in Directory.GetFiles(Path.Combine(Repo.Root, "src"), "*.csproj", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(Repo.Root, project).Replace('\\', '/');
            var at = text.IndexOf($"COPY {relative} ", StringComparison.Ordinal);
            Assert.True(at > 0 && at < restore, $"{name}: {relative} is not copied before the restore");
        }
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Dockerfile_Image_RunsThePublishScriptAsNonRootWithAHealthCheck(string name)
    {
        var text = File.ReadAllText(Path.Combine(Docker, name));
        Assert.Contains("deploy/docker/publish.sh /app", text, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"^FROM .+ AS build$", RegexOptions.Multiline), text);
        Assert.Matches(new Regex(@"^FROM .+ AS runtime$", RegexOptions.Multiline), text);
        var user = Regex.Matches(text, @"^USER (\S+)$", RegexOptions.Multiline).Select(m => m.Groups[1].Value).LastOrDefault();
        Assert.NotNull(user);
        Assert.NotEqual("root", user);
        Assert.NotEqual("0", user);
        Assert.Matches(new Regex(@"^HEALTHCHECK .*\n.*/healthz", RegexOptions.Multiline), text);
        Assert.Contains("ENTRYPOINT [\"/app/rlaifv\"]", text, StringComparison.Ordinal);
        Assert.Contains("CMD [\"run\"]", text, StringComparison.Ordinal);
        Assert.Contains(name == "Dockerfile.cuda" ? "-p:TorchDevice=cuda" : "-p:TorchDevice=${TORCH_DEVICE}", text, StringComparison.Ordinal);
    }

    [Fact]
    public void DockerIgnore_KeepsBuildOutputsAndTheGitFolderOutOfTheContext()
    {
        var lines = File.ReadAllLines(Path.Combine(Repo.Root, ".dockerignore"));
        foreach (var pattern in new[] { "**/bin/", "**/obj/", ".git/" }) Assert.Contains(pattern, lines);
        Assert.DoesNotContain(lines, l => l.Trim() is "src/" or "deploy/" or "deploy/docker/" or "pipeline.yaml");
    }
}
