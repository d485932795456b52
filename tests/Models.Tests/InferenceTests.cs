using RlaifV.Stages.Ports;
using Xunit;

namespace RlaifV.Models.Tests;

public sealed class InferenceTests : IClassFixture<TinyModelFixture>
{
    private static readonly GenerationSettings Sampling = new() { Temperature = 0.9, TopP = 0.9, TopK = 50, RepetitionPenalty = 1.2, MaxNewTokens = 12 };
    private readonly TinyModelFixture _fixture;

    public InferenceTests(TinyModelFixture fixture) => _fixture = fixture;

    private LlavaBackend Backend => _fixture.Backend;

    [Fact]
    public void Generate_WithKvCache_EqualsFullRecomputationTokenByToken()
    {
        var rows = new[]
        {
            Backend.EncodePrompt("Describe this image in detail.", TestData.Png(40, 30, 1), 11),
            Backend.EncodePrompt("Is there a dog?", TestData.Png(20, 50, 2), 12),
        };
        var greedy = new GenerationSettings { Temperature = 0, MaxNewTokens = 16 };
        var cached = Backend.Engine.Generate(rows, greedy, [], useCache: true, recordLogits: true);
        var full = Backend.Engine.Generate(rows, greedy, [], useCache: false, recordLogits: true);
        for (int r = 0; r < rows.Length; r++)
        {
            Assert.Equal(16, cached.Tokens[r].Length);
            Assert.Equal(full.Tokens[r], cached.Tokens[r]);
            for (int s = 0; s < 16; s++)
            {
                var a = cached.StepLogits![r][s];
                var b = full.StepLogits![r][s];
                Assert.True(a.Zip(b).All(p => Math.Abs(p.First - p.Second) < 1e-4), $"row {r} step {s} logits differ");
            }
        }
    }

    [Fact]
    public void Generate_WithTopLogProbs_RecordsChosenAndTopTokensOfTheRawDistribution()
    {
        var rows = new[]
        {
            Backend.EncodePrompt("Describe this image in detail.", TestData.Png(40, 30, 1), 11),
            Backend.EncodePrompt("Is there a dog?", TestData.Png(20, 50, 2), 12),
        };
        var result = Backend.Engine.Generate(rows, Sampling with { MaxNewTokens = 6 }, Backend.StopIds, recordLogits: true, topLogProbs: 5);
        for (int r = 0; r < rows.Length; r++)
        {
            var steps = result.LogProbs![r];
            Assert.Equal(result.Tokens[r].Length + (result.Stopped[r] ? 1 : 0), steps.Count);
            for (int s = 0; s < steps.Count; s++)
            {
                var logits = result.StepLogits![r][s];
                double max = logits.Max(), logZ = max + Math.Log(logits.Sum(l => Math.Exp(l - max)));
                Assert.Equal(logits[steps[s].TokenId] - logZ, steps[s].LogProb, 4);
                Assert.Equal(5, steps[s].Top.Count);
                Assert.Equal(Array.IndexOf(logits, logits.Max()), steps[s].Top[0].TokenId);
                Assert.True(steps[s].Top.Zip(steps[s].Top.Skip(1)).All(p => p.First.LogProb >= p.Second.LogProb));
                if (s < result.Tokens[r].Length) Assert.Equal(result.Tokens[r][s], steps[s].TokenId);
            }
        }

        // The labeler's first-step probabilities are the same numbers NextTokenProbabilities gives.
        var ids = new[] { 5, 6, 7 };
        var probe = Backend.Engine.NextTokenProbabilities([rows[1]], ids);
        var first = Backend.Engine.Generate([rows[1]], new GenerationSettings { Temperature = 0, MaxNewTokens = 1 }, Backend.StopIds, topLogProbs: 0);
        Assert.Empty(first.LogProbs![0][0].Top);
        var all = Backend.Engine.Generate([rows[1]], new GenerationSettings { Temperature = 0, MaxNewTokens = 1 }, Backend.StopIds, recordLogits: true).StepLogits![0][0];
        double m = all.Max(), z = all.Sum(l => Math.Exp(l - m));
        for (int k = 0; k < ids.Length; k++) Assert.Equal(probe[0][k], Math.Exp(all[ids[k]] - m) / z, 5);
    }

    [Fact]
    public void Generate_BatchedRows_EqualSameRowsAlone()
    {
        var rows = new[]
        {
            Backend.EncodePrompt("Describe this image in detail.", TestData.Png(40, 30, 1), 101),
            Backend.EncodePrompt("What is on the table next to the red cup?", TestData.Png(30, 30, 2), 102),
            Backend.EncodePrompt("Is there a dog?", TestData.Png(25, 60, 3), 103),
        };
        var batched = Backend.Engine.Generate(rows, Sampling, Backend.StopIds);
        for (int r = 0; r < rows.Length; r++)
        {
            var alone = Backend.Engine.Generate([rows[r]], Sampling, Backend.StopIds);
            Assert.Equal(alone.Tokens[0], batched.Tokens[r]);
        }

        var reseeded = Backend.Engine.Generate([rows[0] with { Seed = 999 }], Sampling, Backend.StopIds);
        Assert.NotEqual(batched.Tokens[0], reseeded.Tokens[0]);
    }

    [Fact]
    public void Generate_CandidatesOfOnePrompt_PrefilledOnceAndEachEqualsItsRowAlone()
    {
        // n candidates of one prompt share the pixel array and token ids: the prompt is prefilled once and its cache
        // copied to every row; each row must still sample exactly what it samples alone (its own seed), with the same
        // logits, whatever the other rows are.
        var image = new ImageInput("shared", TestData.Png(40, 30, 1));
        var other = new ImageInput("other", TestData.Png(20, 50, 2));
        var rows = Enumerable.Range(0, 4).Select(k => Backend.EncodePrompt("Describe this image in detail.", image, 200 + k))
            .Append(Backend.EncodePrompt("Is there a dog?", other, 300))
            .Append(Backend.EncodePrompt("Describe this image in detail.", image, 204))
            .ToList();
        Assert.Same(rows[0].Pixels, rows[3].Pixels);
        var batched = Backend.Engine.Generate(rows, Sampling, [], recordLogits: true);
        for (int r = 0; r < rows.Count; r++)
        {
            var alone = Backend.Engine.Generate([rows[r]], Sampling, [], recordLogits: true);
            Assert.Equal(alone.Tokens[0], batched.Tokens[r]);
            for (int s = 0; s < alone.StepLogits![0].Count; s++)
            {
                Assert.True(alone.StepLogits[0][s].Zip(batched.StepLogits![r][s]).All(p => Math.Abs(p.First - p.Second) < 1e-4), $"row {r} step {s} logits differ");
            }
        }

        Assert.NotEqual(batched.Tokens[0], batched.Tokens[1]); // different seeds, different samples

        // Rows that stop early leave the decode batch (here at least two of six by the third step): the rest still
        // sample exactly what they sample alone.
        int[] stops = [batched.Tokens[0][2], batched.Tokens[1][2]];
        var stopping = Backend.Engine.Generate(rows, Sampling, stops);
        Assert.True(stopping.Tokens[0].Length <= 2 && stopping.Tokens[1].Length <= 2);
        Assert.Contains(stopping.Tokens, t => t.Length > 2);
        for (int r = 0; r < rows.Count; r++)
        {
            Assert.Equal(Backend.Engine.Generate([rows[r]], Sampling, stops).Tokens[0], stopping.Tokens[r]);
        }
    }

    [Fact]
    public async Task ProbeAsync_YesNo_MatchesManualSoftmaxOverVocabulary()
    {
        var labeler = (LlavaYesNoLabeler)Backend.CreateYesNoLabeler();
        var tokenizer = Backend.Tokenizer;
        Assert.Equal(tokenizer.AnswerTokenId("yes", true), labeler.AnswerTokenIds[0]);
        Assert.True(tokenizer.TryGetTokenId("\u2581Yes", out int yesCapital));
        Assert.Equal(yesCapital, labeler.AnswerTokenIds[1]);
        var image = TestData.Image(TestData.Png(30, 40, 4));
        var requests = new[] { new YesNoRequest(image, "Is there a dog? Please answer yes or no."), new YesNoRequest(image, "Is the cup red? Please answer yes or no.") };
        var probs = await labeler.ProbeAsync(requests, CancellationToken.None);
        for (int i = 0; i < requests.Length; i++)
        {
            var prompt = Backend.EncodePrompt(requests[i].Question, image.Bytes);
            using var logits = Backend.Engine.Logits([prompt]);
            var last = logits[0, prompt.TokenIds.Count - 1].data<float>().ToArray();
            double max = last.Max();
            double z = last.Sum(x => Math.Exp(x - max));
            double Manual(int id) => Math.Exp(last[id] - max) / z;
            Assert.Equal(Manual(labeler.AnswerTokenIds[0]), probs[i].Yes, 5);
            Assert.Equal(Manual(labeler.AnswerTokenIds[1]), probs[i].YesCapital, 5);
            Assert.Equal(Manual(labeler.AnswerTokenIds[2]), probs[i].No, 5);
            Assert.Equal(Manual(labeler.AnswerTokenIds[3]), probs[i].NoCapital, 5);
            Assert.InRange(probs[i].PYes + probs[i].PNo, 0.0, 1.0);
            Assert.Equal(1.0, last.Sum(x => Math.Exp(x - max) / z), 4);
        }
    }

    [Fact]
    public async Task ScoreAsync_Responses_EqualManualGatherOfLogSoftmax()
    {
        var scorer = Backend.CreateLogProbScorer();
        var image = TestData.Image(TestData.Png(30, 40, 5));
        var requests = new[]
        {
            new LogProbRequest(image, "Describe this image in detail.", "A cat sits on a wooden table."),
            new LogProbRequest(image, "Is there a dog?", "No."),
        };
        var scores = await scorer.ScoreAsync(requests, CancellationToken.None);
        for (int i = 0; i < requests.Length; i++)
        {
            var prompt = Backend.EncodePrompt(requests[i].Instruction, image.Bytes);
            var response = Backend.EncodeResponse(requests[i].Response);
            Assert.Equal(Backend.EndOfTurnId, response[^1]);
            var full = prompt with { TokenIds = prompt.TokenIds.Concat(response).ToList() };
            using var logits = Backend.Engine.Logits([full]);
            using var logProbs = logits[0].log_softmax(-1);
            var manual = new List<double>();
            for (int j = 0; j < response.Count; j++)
            {
                int position = prompt.TokenIds.Count - 1 + j;
                manual.Add(logProbs[position, response[j]].item<float>());
            }

            Assert.Equal(response.Count, scores[i].PerToken.Count);
            for (int j = 0; j < response.Count; j++)
            {
                Assert.Equal(manual[j], scores[i].PerToken[j], 4);
            }

            Assert.Equal(manual.Sum(), scores[i].Sum, 3);
            Assert.Equal(manual.Sum() / manual.Count, scores[i].Mean, 3);
        }
    }

    [Fact]
    public void ResponseTokenLogProbs_WithAutograd_BackpropagatesIntoAllParts()
    {
        string dir = TestData.NewTempDirectory();
        try
        {
            RandomCheckpoint.CreateLlava(dir, _fixture.Config, TestData.SentencePieceModel, seed: 7);
            using var backend = LlavaBackend.Load(new BackendOptions { Path = dir, Device = "cpu" });
            backend.Module.train();
            var prompt = backend.EncodePrompt("Describe this image.", TestData.Png(30, 30, 6));
            var (logProbs, mask) = backend.Engine.ResponseTokenLogProbs([prompt, prompt], [backend.EncodeResponse("A cat."), backend.EncodeResponse("A dog on grass.")]);
            using (logProbs)
            using (mask)
            {
                Assert.True(logProbs.requires_grad);
                using var loss = logProbs.sum().neg();
                loss.backward();
            }

            var grads = backend.Module.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad);
            Assert.NotNull(grads["multi_modal_projector.linear_1.weight"]);
            Assert.NotNull(grads["vision_tower.vision_model.encoder.layers.0.self_attn.q_proj.weight"]);
            Assert.NotNull(grads["language_model.model.layers.1.mlp.down_proj.weight"]);
            Assert.True(grads["language_model.lm_head.weight"]!.abs().sum().item<float>() > 0);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task SampleAsync_SameSeeds_ReproducesTextsInRequestOrder()
    {
        var sampler = Backend.CreatePolicySampler();
        var image = TestData.Image(TestData.Png(30, 40, 7));
        var requests = Enumerable.Range(0, 6).Select(i => new SamplingRequest(image, "Describe this image in detail.", 1000 + i)).ToList();
        var first = await sampler.SampleAsync(requests, Sampling, CancellationToken.None);
        var second = await sampler.SampleAsync(requests.AsEnumerable().Reverse().ToList(), Sampling, CancellationToken.None);
        Assert.Equal(6, first.Count);
        Assert.Equal(first.Select(s => s.Text), second.Reverse().Select(s => s.Text));
        Assert.All(first, s => Assert.InRange(s.TokenCount, 0, Sampling.MaxNewTokens));
    }

    [Fact]
    public void EncodePrompt_Llava15Template_ExpandsImageTokensOnce()
    {
        var prompt = Backend.EncodePrompt("What is <image> this?", TestData.Png(10, 10, 8));
        int imageTokens = prompt.TokenIds.Count(id => id == _fixture.Config.ImageTokenIndex);
        Assert.Equal(_fixture.Config.ImageFeatureCount, imageTokens);
        Assert.Equal(16, imageTokens);
        Assert.Equal(1, prompt.TokenIds[0]);
        Assert.Equal(3 * 28 * 28, prompt.Pixels!.Length);
        string text = Backend.Tokenizer.Decode(prompt.TokenIds.Where(id => id != _fixture.Config.ImageTokenIndex));
        Assert.EndsWith("USER:  \nWhat is  this? ASSISTANT:", text, StringComparison.Ordinal);
        int firstImage = prompt.TokenIds.ToList().IndexOf(_fixture.Config.ImageTokenIndex);
        Assert.True(Backend.Tokenizer.TryGetTokenId("\u2581", out int space));
        Assert.Equal(space, prompt.TokenIds[firstImage - 1]);
        Assert.Equal(space, prompt.TokenIds[firstImage + imageTokens]);
    }
}
