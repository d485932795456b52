using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RlaifV.Models;
using RlaifV.Remote;
using RlaifV.Stages.Ports;
using RlaifV.TestKit;
using static TorchSharp.torch;

namespace RlaifV.Serving.Tests;

/// <summary>What a server serves besides its base model: a run's checkpoints, and LoRA adapters registered while it runs.</summary>
public sealed class ModelsTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "rlaifv-serve-" + Guid.NewGuid().ToString("N")[..8]);

    public ModelsTests() => Directory.CreateDirectory(dir);

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public async Task LoadLoraAdapter_ServesBasePlusAdapter_ListedWithItsParent_RemotePolicyRegistersIt()
    {
        // A PEFT adapter with random factors on two projections of the policy.
        string adapterDir = Path.Combine(dir, "round-0001", "lora");
        using (var policy = LlavaBackend.Load(new BackendOptions { Path = WorldWeights.Policy, Threads = 1 }))
        {
            var weights = policy.Module.named_parameters().ToDictionary(p => p.name, p => p.parameter);
            var factors = new Dictionary<string, (Tensor A, Tensor B)>(StringComparer.Ordinal);
            using var generator = new Generator(7);
            foreach (var name in new[] { "language_model.model.layers.0.self_attn.q_proj", "language_model.model.layers.1.mlp.down_proj" })
            {
                var w = weights[name + ".weight"];
                factors[name] = (randn([4, w.shape[1]], generator: generator).mul(0.5), randn([w.shape[0], 4], generator: generator).mul(0.5));
            }
            PeftAdapter.Save(adapterDir, factors, 4, 8, ["q_proj", "down_proj"], WorldWeights.Policy);
            // What the server must serve: the same merge in-process.
            using var adapter = PeftAdapter.Read(adapterDir);
            adapter.MergeInto(policy.Module);
            var image = new ImageInput(RlaifV.Schemas.ImageRef.HashOf(Png.Solid(48, 48)), Png.Solid(48, 48));
            var expected = await policy.CreatePolicySampler().SampleAsync([new SamplingRequest(image, "Describe this image in detail.", 5)], new GenerationSettings { Temperature = 0, MaxNewTokens = 30 }, CancellationToken.None);

            await using var server = await ModelServer.StartAsync(new ServeOptions { Model = new BackendOptions { Path = WorldWeights.Policy, Threads = 1 }, ServedModelName = "round-0000", Port = 0 });
            using var client = new ChatCompletionsClient(new RemoteOptions { BaseUrl = server.BaseUrl, Model = "round-{round:D4}", WaitTimeout = 10, LoadLora = true }, BackendRole.Policy, new BackendMetrics());
            var sampler = new RemotePolicySampler(client, round: 1, adapterPath: adapterDir);
            var texts = await sampler.SampleAsync([new SamplingRequest(image, "Describe this image in detail.", 5)], new GenerationSettings { Temperature = 0, MaxNewTokens = 30 }, CancellationToken.None);
            Assert.Equal(expected[0].Text, texts[0].Text);
            var untouched = await new RemotePolicySampler(client, round: 0).SampleAsync([new SamplingRequest(image, "Describe this image in detail.", 5)], new GenerationSettings { Temperature = 0, MaxNewTokens = 30 }, CancellationToken.None);
            Assert.NotEqual(expected[0].Text, untouched[0].Text);

            using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl + "/") };
            var models = (await http.GetFromJsonAsync<JsonObject>("models"))!["data"]!.AsArray();
            Assert.Equal(["round-0000", "round-0001"], models.Select(m => m!["id"]!.GetValue<string>()));
            Assert.Equal("round-0000", models[1]!["parent"]!.GetValue<string>());
            var again = await http.PostAsJsonAsync("load_lora_adapter", new JsonObject { ["lora_name"] = "round-0001", ["lora_path"] = adapterDir });
            Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
            var missing = await http.PostAsJsonAsync("load_lora_adapter", new JsonObject { ["lora_name"] = "x", ["lora_path"] = dir });
            Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync("unload_lora_adapter", new JsonObject { ["lora_name"] = "round-0001" })).StatusCode);
            Assert.Single((await http.GetFromJsonAsync<JsonObject>("models"))!["data"]!.AsArray());
        }
    }

    [Fact]
    public async Task CheckpointsFolder_CompleteCheckpointsListedAndServed()
    {
        var checkpoints = Path.Combine(dir, "checkpoints");
        var complete = Path.Combine(checkpoints, "round-0001");
        Directory.CreateDirectory(complete);
        foreach (var f in Directory.GetFiles(WorldWeights.Labeler)) File.Copy(f, Path.Combine(complete, Path.GetFileName(f)));
        File.WriteAllText(Path.Combine(complete, "rlaifv-checkpoint.json"), "{}");
        Directory.CreateDirectory(Path.Combine(checkpoints, "round-0002.tmp-1234")); // being written: not listed

        await using var server = await ModelServer.StartAsync(new ServeOptions { Model = new BackendOptions { Path = WorldWeights.Policy, Threads = 1 }, ServedModelName = "round-0000", CheckpointsDir = checkpoints, Port = 0 });
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl + "/") };
        var ids = (await http.GetFromJsonAsync<JsonObject>("models"))!["data"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()).ToList();
        Assert.Equal(["round-0000", "round-0001"], ids);
        using var client = new ChatCompletionsClient(new RemoteOptions { BaseUrl = server.BaseUrl, Model = "round-0001" }, BackendRole.Labeler, new BackendMetrics());
        var image = new ImageInput("img", Png.Solid(48, 48));
        var viaServer = await new RemoteYesNoLabeler(client).ProbeAsync([new YesNoRequest(image, "Is there a red circle? Please answer yes or no.")], CancellationToken.None);
        using var labeler = LlavaBackend.Load(new BackendOptions { Path = WorldWeights.Labeler, Threads = 1 });
        var local = await labeler.CreateYesNoLabeler().ProbeAsync([new YesNoRequest(image, "Is there a red circle? Please answer yes or no.")], CancellationToken.None);
        Assert.Equal(local[0].PYes, viaServer[0].PYes, 4);
    }
}
