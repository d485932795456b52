using RlaifV.Models;
using RlaifV.Stages.Ports;

namespace RlaifV.Orchestration;

/// <summary>
/// How the jobs get their models without knowing how models are configured: the host implements it from its
/// <c>models.*</c> settings, tests with doubles.
/// </summary>
public interface IModelProvider
{
    /// <summary>
    /// The generation graph's models for round <paramref name="round"/>, whose policy checkpoint is at
    /// <paramref name="policyPath"/> (a policy on a model server is that round's served model).
    /// </summary>
    ModelSet Build(int round, string policyPath);

    /// <summary>How to load the policy checkpoint at <paramref name="path"/> (device, dtype, threads, …): for training, measuring and best-of-N.</summary>
    BackendOptions PolicyAt(string path);
}
