using System.Globalization;
using RlaifV.Stages.Sources;

namespace RlaifV.Orchestration;

/// <summary>Round r's prompts are records [r·N, (r+1)·N) of a prompts file (N = <c>run.prompts_per_round</c>).</summary>
/// <param name="path">The prompts file (<c>input.path</c>).</param>
/// <param name="format">Its format (<c>input.format</c>).</param>
/// <param name="perRound">Prompts per round.</param>
public sealed class FileRoundPrompts(string path, PromptFileFormat format, int perRound) : IRoundPrompts
{
    /// <inheritdoc />
    public string Describe(int round) => string.Create(CultureInfo.InvariantCulture, $"{path} records {(long)round * perRound}..{(long)(round + 1) * perRound - 1}");

    /// <inheritdoc />
    public IPromptSource Open(int round) => new SliceSource(PromptFiles.Open(path, format), (long)round * perRound, perRound);
}
