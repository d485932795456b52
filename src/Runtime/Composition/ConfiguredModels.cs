using RlaifV.Models;
using RlaifV.Orchestration;
using RlaifV.Runtime.Config;
using RlaifV.Stages.Ports;

namespace RlaifV.Runtime.Composition;

/// <summary>
/// The <c>models.*</c> settings as the jobs' <see cref="IModelProvider"/>: a round's models are built with
/// <c>run.round</c> set to the round and <c>models.policy.path</c> to the round's policy (<paramref name="build"/>: <see cref="ModelFactory.Build(PipelineOptions)"/>, or a test
/// host's doubles), and a policy checkpoint loads with <c>models.policy</c>'s device, dtype and threads.
/// </summary>
/// <param name="options">The configuration.</param>
/// <param name="build">Builds the generation models from a configuration.</param>
internal sealed class ConfiguredModels(PipelineOptions options, Func<PipelineOptions, ModelSet> build) : IModelProvider
{
    /// <inheritdoc />
    public ModelSet Build(int round, string policyPath) =>
        build(options with { Run = options.Run with { Round = round }, Models = options.Models with { Policy = options.Models.Policy with { Path = policyPath } } });

    /// <inheritdoc />
    public BackendOptions PolicyAt(string path) => ModelFactory.ToBackendOptions(options.Models.Policy, path);
}
