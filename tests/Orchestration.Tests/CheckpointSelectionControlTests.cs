using RlaifV.Kafka;
using RlaifV.Schemas.Control;
using RlaifV.Training;

namespace RlaifV.Orchestration.Tests;

public class CheckpointSelectionControlTests
{
    [Fact]
    public async Task PublishAsync_BestOfThree_ControlTopicRecordsChoiceAndScores()
    {
        using var k = new KafkaHarness(partitions: 1);
        await k.Environment.EnsureBaseTopicsAsync(CancellationToken.None);
        var folder = Path.Combine(k.Dir.Path, "round-0002");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "model.safetensors"), "weights");
        CheckpointCandidate[] candidates =
        [
            new() { Step = 4, Score = 0.61, Sha256 = "aa" },
            new() { Step = 8, Score = 0.83, Sha256 = "bb" },
            new() { Step = 12, Score = 0.79, Sha256 = "cc" },
        ];
        var chosen = new CheckpointInfo(folder, "bb", 8) { Selection = "best", Evaluator = "400 dev scenes", Candidates = candidates };

        await new KafkaCheckpointPublisher(k.Environment).PublishAsync(2, chosen, CancellationToken.None);

        var published = new ControlTopicReader(k.Environment).ReadState(CancellationToken.None).Round(1)!.CheckpointPublished!;
        Assert.Equal(Path.GetFullPath(folder), published.Uri);
        Assert.Equal(("best", 8, "400 dev scenes"), (published.Selection, published.SelectedStep, published.Evaluator));
        Assert.Equal(candidates, published.Candidates);
    }
}
