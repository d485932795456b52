using System.Text.Json;
using System.Threading.Tasks.Dataflow;
using RlaifV.Schemas;
using RlaifV.Stages.Flow;
using RlaifV.Stages.Options;
using RlaifV.TestKit;

namespace RlaifV.Stages.Tests;

public class IngestJsonTests
{
    [Fact]
    public async Task Ingest_DraftWithQuotesAndBackslashes_DeadLetterInputIsValidJsonHoldingThemExactly()
    {
        var metrics = new PipelineMetrics();
        var dlq = new MemoryDeadLetterSink();
        var stage = new IngestStage(new IngestOptions(), new HeaderOnlyDecoder(), new DeadLetters(dlq, metrics), new RecordingTracker(), metrics, CancellationToken.None);
        const string instruction = "What does the sign \"EXIT\\n\" say?\n\t{";
        await stage.Input.SendAsync(new IngestItem { Ticket = new PromptTicket("t:1", 1), Draft = new PromptDraft { Id = "q\"1", Instruction = instruction } });
        stage.Input.Complete();
        await stage.Output.Completion;
        var letter = Assert.Single(dlq.Letters);
        Assert.Equal((DeadLetterReasons.MissingField, "q\"1"), (letter.Reason, letter.Key));
        using var input = JsonDocument.Parse(letter.Input);
        Assert.Equal(instruction, input.RootElement.GetProperty("instruction").GetString());
        Assert.Equal("q\"1", input.RootElement.GetProperty("id").GetString());
    }
}
