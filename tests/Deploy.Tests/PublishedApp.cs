using RlaifV.TestKit;

namespace RlaifV.Deploy.Tests;

/// <summary>
/// deploy/docker/publish.sh run once per test run into a temporary folder outside the repository: the folder the
/// images copy to /app. Shared by the tests of <see cref="PublishedAppCollection"/>.
/// </summary>
public sealed class PublishedApp : IAsyncLifetime, IDisposable
{
    private readonly TempDir dir = new();

    /// <summary>The published folder (the program, its native libraries, the world's weights, pipeline.yaml).</summary>
    public string Folder => dir.File("app");

    /// <summary>The published program.</summary>
    public string Program => Path.Combine(Folder, "rlaifv");

    /// <summary>The script's output.</summary>
    public string Log { get; private set; } = string.Empty;

    /// <summary>A fresh folder outside the repository that the user nobody may write to.</summary>
    public string NewWorkFolder(string name)
    {
        var path = dir.File(name);
        Directory.CreateDirectory(path);
        File.SetUnixFileMode(path, (UnixFileMode)0b111_111_111 | UnixFileMode.StickyBit);
        return path;
    }

    public async Task InitializeAsync()
    {
        var script = Path.Combine(Repo.Root, "deploy", "docker", "publish.sh");
        var (code, log) = await ChildProcess.RunAsync("bash", [script, Folder, "cpu"], Repo.Root, TimeSpan.FromMinutes(20));
        Log = log;
        Assert.True(code == 0, $"publish.sh exited {code}:\n{log}");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => dir.Dispose();
}
