using System.Globalization;
using RlaifV.Runtime.Config;
using RlaifV.Stages.Sources;

namespace RlaifV.Runtime.Rounds;

/// <summary>Round r's prompts are records [r·N, (r+1)·N) of <c>input.path</c> (N = <c>run.prompts_per_round</c>).</summary>
public sealed class FileRoundPrompts(InputOptions input, int perRound) : IRoundPrompts
{
    /// <inheritdoc />
    public string Describe(int round) => string.Create(CultureInfo.InvariantCulture, $"{input.Path} records {(long)round * perRound}..{(long)(round + 1) * perRound - 1}");

    /// <inheritdoc />
    public IPromptSource Open(int round) => new SliceSource(PromptFiles.Open(input.Path, input.Format), (long)round * perRound, perRound);
}
