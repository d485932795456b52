using System.Diagnostics;
using System.Text.RegularExpressions;

namespace RlaifV.Runtime.Tests;

/// <summary><c>rlaifv serve</c> as a child process on a free port; killed when disposed.</summary>
internal sealed partial class ServeChild : IDisposable
{
    private readonly Process process;
    private readonly List<string> lines = [];

    private ServeChild(Process process) => this.process = process;

    /// <summary>The child's API root (http://127.0.0.1:PORT/v1).</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    public string Log
    {
        get
        {
            lock (lines) return string.Join('\n', lines);
        }
    }

    /// <summary>Starts <c>rlaifv serve</c> with <paramref name="args"/> and waits until it listens.</summary>
    public static async Task<ServeChild> StartAsync(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "rlaifv.dll"));
        info.ArgumentList.Add("serve");
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var a in new[] { "--port", "0", "--threads", "1" }) info.ArgumentList.Add(a);
        var child = new ServeChild(new Process { StartInfo = info });
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Add(string? line)
        {
            if (line is null) return;
            lock (child.lines) child.lines.Add(line);
            if (Listening().Match(line) is { Success: true } m) listening.TrySetResult(m.Groups[1].Value);
        }
        child.process.OutputDataReceived += (_, e) => Add(e.Data);
        child.process.ErrorDataReceived += (_, e) => Add(e.Data);
        child.process.Start();
        child.process.BeginOutputReadLine();
        child.process.BeginErrorReadLine();
        var done = await Task.WhenAny(listening.Task, child.process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(90)));
        if (done != listening.Task)
        {
            child.Dispose();
            throw new InvalidOperationException("rlaifv serve did not start:\n" + child.Log);
        }
        child.BaseUrl = await listening.Task;
        return child;
    }

    public void Dispose()
    {
        if (!process.HasExited) process.Kill();
        process.WaitForExit();
        process.Dispose();
    }

    [GeneratedRegex(@"rlaifv serve: listening on (\S+)")]
    private static partial Regex Listening();
}
