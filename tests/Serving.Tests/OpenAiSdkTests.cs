using System.ClientModel;
using OpenAI;
using OpenAI.Chat;
using RlaifV.Models;
using RlaifV.TestKit;

namespace RlaifV.Serving.Tests;

/// <summary>The official OpenAI .NET SDK, an independent client, against rlaifv serve.</summary>
public class OpenAiSdkTests
{
    [Fact]
    public async Task CompleteChat_ImageNTwoSeedLogprobs_WellFormedResponse()
    {
        await using var server = await ModelServer.StartAsync(new ServeOptions { Model = new BackendOptions { Path = WorldWeights.Policy, Threads = 1 }, Port = 0 });
        var client = new ChatClient("policy", new ApiKeyCredential("not-checked"), new OpenAIClientOptions { Endpoint = new Uri(server.BaseUrl) });
        var message = new UserChatMessage(
            ChatMessageContentPart.CreateTextPart("Describe this image in detail."),
            ChatMessageContentPart.CreateImagePart(BinaryData.FromBytes(Png.Solid(48, 48, 30, 60, 200)), "image/png"));
        var options = new ChatCompletionOptions
        {
            Seed = 1234,
            Temperature = 0.7f,
            MaxOutputTokenCount = 24,
            IncludeLogProbabilities = true,
            TopLogProbabilityCount = 3,
        };
        options.Patch.Set("$.n"u8, 2); // the SDK has no public n; its JSON patch adds it to the request as sent
        ChatCompletion completion = await client.CompleteChatAsync([message], options);

        Assert.Equal("policy", completion.Model);
        Assert.StartsWith("chatcmpl-", completion.Id, StringComparison.Ordinal);
        Assert.Equal(ChatMessageRole.Assistant, completion.Role);
        Assert.NotEmpty(completion.Content);
        Assert.False(string.IsNullOrWhiteSpace(completion.Content[0].Text));
        Assert.Contains(completion.FinishReason, new[] { ChatFinishReason.Stop, ChatFinishReason.Length });
        Assert.NotEmpty(completion.ContentTokenLogProbabilities);
        Assert.All(completion.ContentTokenLogProbabilities, t =>
        {
            Assert.True(t.LogProbability <= 0);
            Assert.Equal(3, t.TopLogProbabilities.Count);
            Assert.True(t.TopLogProbabilities[0].LogProbability >= t.TopLogProbabilities[2].LogProbability);
        });
        Assert.True(completion.Usage.InputTokenCount > 36); // the 36 image features are prompt tokens
        Assert.True(completion.Usage.OutputTokenCount > 0);

        // n = 2: the raw answer holds two choices, each seeded (seed, seed + 1), so the same request answers the same.
        var raw = await client.CompleteChatAsync([message], options);
        Assert.Equal(completion.Content[0].Text, raw.Value.Content[0].Text);
        using var json = System.Text.Json.JsonDocument.Parse(raw.GetRawResponse().Content.ToString());
        var choices = json.RootElement.GetProperty("choices");
        Assert.Equal(2, choices.GetArrayLength());
        Assert.Equal(1, choices[1].GetProperty("index").GetInt32());
        Assert.True(choices[1].GetProperty("logprobs").GetProperty("content").GetArrayLength() > 0);
    }
}
