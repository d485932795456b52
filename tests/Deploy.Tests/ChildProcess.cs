using System.Diagnostics;

namespace RlaifV.Deploy.Tests;

/// <summary>A child process whose standard output and error are collected line by line.</summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly List<string> lines = [];

    private ChildProcess(Process process) => Process = process;

    /// <summary>The child.</summary>
    public Process Process { get; }

    /// <summary>Everything it wrote so far.</summary>
    public string Log
    {
        get
        {
            lock (lines) return string.Join('\n', lines);
        }
    }

    /// <summary>
    /// Starts <paramref name="file"/> with <paramref name="args"/> in <paramref name="workingDirectory"/>; as the user
    /// <c>nobody</c> (through setpriv) when this process is root and <paramref name="asNobody"/> is set.
    /// </summary>
    public static ChildProcess Start(string file, IEnumerable<string> args, string workingDirectory, bool asNobody = false,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asNobody && Environment.IsPrivilegedProcess)
        {
            info.FileName = Repo.Tool("setpriv") ?? throw new InvalidOperationException("setpriv (util-linux) is needed to drop root");
            foreach (var a in new[] { "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--", file }) info.ArgumentList.Add(a);
        }
        else
        {
            info.FileName = file;
        }
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;
        var child = new ChildProcess(new Process { StartInfo = info });
        void Add(string? line)
        {
            if (line is null) return;
            lock (child.lines) child.lines.Add(line);
        }
        child.Process.ErrorDataReceived += (_, e) => Add(e.Data);
        child.Process.OutputDataReceived += (_, e) => Add(e.Data);
        child.Process.Start();
        child.Process.BeginErrorReadLine();
        child.Process.BeginOutputReadLine();
        return child;
    }

    /// <summary>Runs to the end (at most <paramref name="timeout"/>); returns the exit code.</summary>
    public static async Task<(int Code, string Log)> RunAsync(string file, IEnumerable<string> args, string workingDirectory, TimeSpan timeout,
        bool asNobody = false, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var child = Start(file, args, workingDirectory, asNobody, environment);
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await child.Process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{file} {string.Join(' ', args)} ran over {timeout}:\n{child.Log}");
        }
        child.Process.WaitForExit();
        return (child.Process.ExitCode, child.Log);
    }

    /// <summary>Sends SIGTERM (a graceful stop) and waits up to <paramref name="timeout"/>; kills it after that.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        if (!Process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
        }
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await Process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Process.Kill(entireProcessTree: true);
            await Process.WaitForExitAsync();
            return -1;
        }
        return Process.ExitCode;
    }

    public void Dispose()
    {
        if (!Process.HasExited) Process.Kill(entireProcessTree: true);
        Process.Dispose();
    }
}
