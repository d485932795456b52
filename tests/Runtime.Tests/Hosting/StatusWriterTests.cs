using RlaifV.Runtime.Hosting;

namespace RlaifV.Runtime.Tests.Hosting;

/// <summary>Jobs that write progress as to a terminal, read back into statuses and event lines.</summary>
public sealed class StatusWriterTests
{
    private static (StatusWriter Writer, StringWriter Stderr) Create()
    {
        var stderr = new StringWriter();
        var progress = new ProgressReporter(new ConsoleScreen(stderr, terminal: false), null, TimeSpan.FromHours(1), new ManualClock());
        return (new StatusWriter(progress), stderr);
    }

    private static string[] Lines(StringWriter w) => w.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public async Task Write_ReturnedStatusesThenABareNewline_IsOneFinalLine()
    {
        var (writer, stderr) = Create();

        writer.Write("\rtraining: 1/3 steps   ");
        writer.Write("\rtraining: 2/3 steps   ");
        await writer.WriteAsync("\rtraining: 3/3 steps   ");
        writer.WriteLine();

        Assert.Equal(["training: 3/3 steps"], Lines(stderr));
    }

    [Fact]
    public async Task WriteLine_TextWrittenOverAPartialStatus_IsAnEventLineAndTheStatusIsDropped()
    {
        var (writer, stderr) = Create();

        await writer.WriteAsync("policy 1: measuring on 400 scenes ...");
        await writer.WriteLineAsync("\rpolicy 1: response hallucination 13.5 %");

        Assert.Equal(["policy 1: response hallucination 13.5 %"], Lines(stderr));
    }

    [Fact]
    public async Task WriteLine_PlainLinesAndLinesInPieces_AreEventLinesAndBlankLinesAreDropped()
    {
        var (writer, stderr) = Create();

        await writer.WriteLineAsync("kafka: embedded broker");
        writer.WriteLine();
        writer.Write("round 0: ");
        writer.Write("380 pairs");
        writer.WriteLine();

        Assert.Equal(["kafka: embedded broker", "round 0: 380 pairs"], Lines(stderr));
        Assert.DoesNotContain('\r', stderr.ToString());
    }

    [Fact]
    public async Task WriteLine_AnotherJobsLineWhileAStatusIsShown_IsItsOwnLineAndTheStatusGoesOn()
    {
        var (writer, stderr) = Create();

        writer.Write("\rround 1: generate: 16 done   ");
        await writer.WriteLineAsync("policy 1: response hallucination 21.7 %"); // the coordinator, measuring beside the generator
        writer.Write("\rround 1: generate: 300 done   ");
        writer.WriteLine();

        Assert.Equal(["policy 1: response hallucination 21.7 %", "round 1: generate: 300 done"], Lines(stderr));
    }
}
