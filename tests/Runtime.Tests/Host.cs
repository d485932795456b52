using System.Diagnostics;

namespace RlaifV.Runtime.Tests;

/// <summary>tests/GeneratorHost (the rlaifv command line with the model and training doubles) as a child process, so a test can SIGKILL it.</summary>
internal sealed class Host : IDisposable
{
    private readonly List<string> lines = [];

    private Host(Process process) => Process = process;

    /// <summary>The child.</summary>
    public Process Process { get; }

    /// <summary>Standard error and output seen so far.</summary>
    public string Log
    {
        get
        {
            lock (lines) return string.Join('\n', lines);
        }
    }

    /// <summary>The last <paramref name="count"/> lines, then forgets all seen so far.</summary>
    public IReadOnlyList<string> TakeLast(int count)
    {
        lock (lines)
        {
            var last = lines.TakeLast(count).ToList();
            lines.Clear();
            return last;
        }
    }

    /// <summary>Starts the host with <paramref name="args"/>; each policy call waits <paramref name="delayMs"/>.</summary>
    public static Host Start(IEnumerable<string> args, int delayMs, IReadOnlyDictionary<string, string>? environment = null) =>
        Start(Dll("tests/GeneratorHost", "rlaifv-generator-host.dll"), args, delayMs, environment);

    /// <summary>Starts the real rlaifv program (src/Runtime's build output, real models) with <paramref name="args"/>.</summary>
    public static Host StartRlaifv(IEnumerable<string> args) => Start(Dll("src/Runtime", "rlaifv.dll"), args, 0, null);

    private static Host Start(string dll, IEnumerable<string> args, int delayMs, IReadOnlyDictionary<string, string>? environment)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["RLAIFV_TEST_POLICY_DELAY_MS"] = delayMs.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;
        var host = new Host(new Process { StartInfo = info });
        void Add(string? line)
        {
            if (line is null) return;
            lock (host.lines) host.lines.Add(line);
        }
        host.Process.ErrorDataReceived += (_, e) => Add(e.Data);
        host.Process.OutputDataReceived += (_, e) => Add(e.Data);
        host.Process.Start();
        host.Process.BeginErrorReadLine();
        host.Process.BeginOutputReadLine();
        return host;
    }

    /// <summary>Kills the child (SIGKILL) and waits for it.</summary>
    public async Task KillAsync()
    {
        Process.Kill();
        await Process.WaitForExitAsync();
    }

    public void Dispose()
    {
        if (!Process.HasExited) Process.Kill();
        Process.Dispose();
    }

    /// <summary>A project's build output (<paramref name="project"/> relative to the repository), same configuration as this test assembly.</summary>
    private static string Dll(string project, string file)
    {
        var bin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = bin.Parent!.Name;
        var root = bin;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "RlaifV.sln"))) root = root.Parent;
        var dll = Path.Combine(root!.FullName, project, "bin", configuration, bin.Name, file);
        Assert.True(File.Exists(dll), $"build {project} first: {dll} is missing");
        return dll;
    }
}
