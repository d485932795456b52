using RlaifV.Orchestration;
using RlaifV.Runtime.Config;
using RlaifV.Stages.Ports;

namespace RlaifV.Runtime.Cli;

/// <summary>What every verb of one command-line call shares: the standard streams and the parts a test host replaces.</summary>
/// <param name="Stdout">Standard output.</param>
/// <param name="Stderr">Standard error.</param>
/// <param name="Terminal">Standard error is a terminal.</param>
/// <param name="BuildModels">Builds the models of generate, replay, run and world ablate (a test host's doubles; null: <c>models.*</c>).</param>
/// <param name="Trainer">Trains a round for run and world ablate (null: DPO).</param>
internal sealed record CliServices(TextWriter Stdout, TextWriter Stderr, bool Terminal, Func<PipelineOptions, ModelSet>? BuildModels, IRoundTrainer? Trainer);
