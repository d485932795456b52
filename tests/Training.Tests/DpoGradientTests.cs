using RlaifV.Models;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace RlaifV.Training.Tests;

public sealed class DpoGradientTests
{
    [Fact]
    public void Compute_OnTinyModel_GradientMatchesFiniteDifferences()
    {
        var config = RandomCheckpoint.TinyConfig(40).TextConfig;
        using var model = new LlamaForCausalLM(config);
        RandomCheckpoint.Initialize(model, seed: 3, std: 0.2);
        var engine = new InferenceEngine(model, padId: 0);
        var prompts = new[] { new TokenizedPrompt([1, 5, 6]), new TokenizedPrompt([1, 7, 8, 9]) };
        IReadOnlyList<int>[] chosen = [[10, 11, 2], [12, 2]];
        IReadOnlyList<int>[] rejected = [[13, 2], [14, 15, 16, 2]];
        using var refChosen = tensor(new[] { -9f, -7f });
        using var refRejected = tensor(new[] { -6f, -12f });

        double Loss()
        {
            using var scope = NewDisposeScope();
            var (lp, _) = engine.ResponseTokenLogProbs([.. prompts, .. prompts], [.. chosen, .. rejected]);
            var sums = lp.sum(1);
            using var output = DpoLoss.Compute(sums.narrow(0, 0, 2), sums.narrow(0, 2, 2), refChosen, refRejected, beta: 0.5, sftWeight: 0.1);
            if (is_grad_enabled())
            {
                output.Loss.backward();
            }

            return output.Loss.item<float>();
        }

        // Analytic directional derivative along a random direction d over every parameter.
        var parameters = model.DistinctParameters().Select(p => p.Parameter).ToList();
        using var generator = new Generator(11);
        var directions = parameters.Select(p => randn(p.shape, generator: generator)).ToList();
        double norm = Math.Sqrt(directions.Sum(d => d.square().sum().item<float>()));
        using (var inverse = (1 / norm).ToScalar())
        {
            foreach (var d in directions)
            {
                d.mul_(inverse);
            }
        }

        Loss();
        double analytic = parameters.Zip(directions).Sum(x => x.First.grad!.mul(x.Second).sum().item<float>());

        const double eps = 1e-2;
        double Shifted(double sign)
        {
            using var noGrad = no_grad();
            using var s = (sign * eps).ToScalar();
            foreach (var (p, d) in parameters.Zip(directions))
            {
                p.add_(d, s);
            }

            double value = Loss();
            using var back = (-sign * eps).ToScalar();
            foreach (var (p, d) in parameters.Zip(directions))
            {
                p.add_(d, back);
            }

            return value;
        }

        double numeric = (Shifted(1) - Shifted(-1)) / (2 * eps);
        Assert.True(Math.Abs(analytic) > 0.01, $"direction gives too small a derivative to compare: {analytic}");
        Assert.True(Math.Abs(analytic - numeric) <= 0.02 * Math.Abs(analytic) + 1e-3, $"analytic {analytic} vs finite differences {numeric}");
        foreach (var d in directions)
        {
            d.Dispose();
        }
    }
}
