using System.Text.Json;
using RlaifV.Runtime.Hosting;

namespace RlaifV.Runtime.Tests.Hosting;

public sealed class ProgressReporterTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private static (ProgressReporter Progress, StringWriter Stderr, ManualClock Clock) Redirected()
    {
        var stderr = new StringWriter();
        var clock = new ManualClock();
        return (new ProgressReporter(new ConsoleScreen(stderr, terminal: false), null, Interval, clock), stderr, clock);
    }

    private static string[] Lines(StringWriter w) => w.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void Report_Redirected_WritesOneLinePerIntervalAndTheFinalValueOnComplete()
    {
        var (progress, stderr, clock) = Redirected();

        for (int i = 1; i <= 120; i++)
        {
            progress.Report($"step {i}/120");
            clock.Advance(TimeSpan.FromMilliseconds(100)); // 12 s in all, a report every 0.1 s
        }
        progress.Complete();

        Assert.DoesNotContain('\r', stderr.ToString());
        Assert.Equal(["step 51/120", "step 101/120", "step 120/120"], Lines(stderr));
    }

    [Fact]
    public void Complete_Redirected_ShortStatus_WritesOnlyItsFinalValue()
    {
        var (progress, stderr, clock) = Redirected();

        progress.Report("a 1/2");
        clock.Advance(TimeSpan.FromSeconds(1));
        progress.Report("a 2/2");
        progress.Complete();
        progress.Complete();

        Assert.Equal(["a 2/2"], Lines(stderr));
    }

    [Fact]
    public void Complete_Redirected_LastValueAlreadyWritten_IsNotRepeated()
    {
        var (progress, stderr, clock) = Redirected();

        progress.Report("a 1/2");
        clock.Advance(Interval);
        progress.Report("a 2/2");
        progress.Complete();

        Assert.Equal(["a 2/2"], Lines(stderr));
    }

    [Fact]
    public void WriteLine_Redirected_ReplacesTheStatusWithoutAFinalLine()
    {
        var (progress, stderr, _) = Redirected();

        progress.Report("measuring ...");
        progress.WriteLine("policy 1: 3.5 %");
        progress.Complete();

        Assert.Equal(["policy 1: 3.5 %"], Lines(stderr));
    }

    [Fact]
    public void Report_Terminal_RedrawsInPlaceAndCompleteErasesIt()
    {
        var stderr = new StringWriter();
        var clock = new ManualClock();
        var progress = new ProgressReporter(new ConsoleScreen(stderr, terminal: true), null, Interval, clock);

        progress.Report("step 1/2 long text");
        clock.Advance(TimeSpan.FromSeconds(1));
        progress.Report("step 2/2");
        progress.Complete();
        progress.WriteLine("round 0: trained");

        // Each status starts with \r, the shorter one blanks what the longer one left, the end erases the line.
        Assert.Equal(
            "\rstep 1/2 long text" + "\rstep 2/2" + new string(' ', 10) + "\r" + new string(' ', 8) + "\r" + "round 0: trained" + Environment.NewLine,
            stderr.ToString());
    }

    [Fact]
    public void WriteLine_Terminal_ErasesTheStatusBeforeTheLine()
    {
        var stderr = new StringWriter();
        var progress = new ProgressReporter(new ConsoleScreen(stderr, terminal: true), null, Interval, new ManualClock());

        progress.Report("generate: 3 done");
        progress.WriteLine("stopping");

        Assert.EndsWith("\r" + new string(' ', 16) + "\r" + "stopping" + Environment.NewLine, stderr.ToString());
    }

    [Fact]
    public void Report_Json_WritesProgressRecordsOnTheSameSchedule()
    {
        var stderr = new StringWriter();
        var clock = new ManualClock();
        using (var output = new ConsoleOutput(new StringWriter(), stderr, new ConsoleSettings(LogFormat.Json, Terminal: true), clock))
        {
            output.Progress.Report("step 1/3");
            clock.Advance(Interval);
            output.Progress.Report("step 2/3");
            output.Progress.Report("step 3/3");
            output.Progress.Complete();
            output.Progress.WriteLine("round 0: trained");
        }

        var records = Lines(stderr).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.DoesNotContain('\r', stderr.ToString());
        Assert.Equal([(1, "step 2/3"), (2, "step 3/3"), (3, "round 0: trained")], records.Select(r => (r.GetProperty("EventId").GetInt32(), r.GetProperty("Message").GetString()!)));
        Assert.All(records, r => Assert.Equal("Information", r.GetProperty("LogLevel").GetString()));
    }

    [Fact]
    public void Follow_Disposed_ReportsTheLastValueAndCompletes()
    {
        var (progress, stderr, _) = Redirected();
        int done = 0;

        using (progress.Follow(() => $"replay: {done} judged", TimeSpan.FromHours(1)))
        {
            done = 7;
        }

        Assert.Equal(["replay: 7 judged"], Lines(stderr));
        Assert.Null(progress.Current);
    }
}
