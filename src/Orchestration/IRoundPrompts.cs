using RlaifV.Stages.Sources;

namespace RlaifV.Orchestration;

/// <summary>Fresh prompts for every round of <c>rlaifv run</c>.</summary>
public interface IRoundPrompts
{
    /// <summary>Where round <paramref name="round"/>'s prompts come from (for messages).</summary>
    string Describe(int round);

    /// <summary>Round <paramref name="round"/>'s prompts.</summary>
    IPromptSource Open(int round);
}
