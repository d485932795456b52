using System.Text.Json;
using Microsoft.Extensions.Logging;
using RlaifV.Runtime.Hosting;

namespace RlaifV.Runtime.Tests.Hosting;

public sealed class ConsoleOutputTests
{
    private static string Write(ConsoleSettings settings, Action<ConsoleOutput> act)
    {
        var stderr = new StringWriter();
        using (var output = new ConsoleOutput(new StringWriter(), stderr, settings, new ManualClock()))
        {
            act(output);
        }
        return stderr.ToString();
    }

    private static void TrainingStep(ConsoleOutput output) =>
        output.Loggers.CreateLogger("RlaifV.Training.DpoTrainer").Log(LogLevel.Debug, new EventId(1), "step 1/48 epoch 0: loss 0.6931", null, (s, _) => s);

    [Fact]
    public void Loggers_Default_HideDebugRecords()
    {
        string stderr = Write(new ConsoleSettings(), TrainingStep);

        Assert.Equal(string.Empty, stderr);
    }

    [Fact]
    public void Loggers_Verbose_ShowDebugRecordsAsShortLines()
    {
        string stderr = Write(new ConsoleSettings(Verbose: true), TrainingStep);

        Assert.Matches(@"^\d\d:\d\d:\d\d debug DpoTrainer: step 1/48 epoch 0: loss 0\.6931\r?\n$", stderr);
    }

    [Fact]
    public void Loggers_Json_WriteOneObjectPerRecordWithItsFields()
    {
        string stderr = Write(new ConsoleSettings(LogFormat.Json, Verbose: true), output =>
        {
            TrainingStep(output);
            output.Loggers.CreateLogger("RlaifV.Kafka.TrackedConsumer").LogWarning("Consumer of group {Group} lost {Partitions}", "g", "p0");
            output.Error("rlaifv run: failed: IOException: disk full");
        });

        var records = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["Debug", "Warning", "Error"], records.Select(r => r.GetProperty("LogLevel").GetString()));
        Assert.Equal("RlaifV.Training.DpoTrainer", records[0].GetProperty("Category").GetString());
        Assert.Equal("g", records[1].GetProperty("State").GetProperty("Group").GetString());
        Assert.Equal("rlaifv run: failed: IOException: disk full", records[2].GetProperty("Message").GetString());
    }

    [Fact]
    public void Loggers_TerminalWithAStatus_RecordGoesAboveAndTheStatusIsRedrawn()
    {
        string stderr = Write(new ConsoleSettings(Verbose: true, Terminal: true), output =>
        {
            output.Progress.Report("training: 1/48");
            TrainingStep(output);
        });

        int record = stderr.IndexOf("debug DpoTrainer", StringComparison.Ordinal);
        Assert.True(record > 0);
        Assert.Contains("\rtraining: 1/48", stderr[record..], StringComparison.Ordinal);
    }
}
