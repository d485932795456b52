using System.Globalization;
using RlaifV.Stages.Ports;

namespace RlaifV.Stages.Rules;

/// <summary>The check that a text model's prompts leave room for their answers in its context, before it is called.</summary>
public static class TokenBudget
{
    /// <summary>
    /// Throws <see cref="InputRejectedException"/> with <paramref name="reason"/> when a prompt's tokens plus
    /// <paramref name="maxNewTokens"/> exceed <paramref name="llm"/>'s context (nothing is checked when the model cannot tell).
    /// </summary>
    public static void Check(ITextGenerator llm, IEnumerable<string> prompts, int maxNewTokens, string reason, string what)
    {
        ArgumentNullException.ThrowIfNull(llm);
        ArgumentNullException.ThrowIfNull(prompts);
        if (llm.ContextTokens is not { } context) return;
        foreach (var prompt in prompts)
        {
            if (llm.PromptTokens(prompt) is { } tokens && tokens + maxNewTokens > context)
                throw new InputRejectedException(reason, string.Create(CultureInfo.InvariantCulture,
                    $"{what} is {tokens} tokens; with {maxNewTokens} new tokens that is over {llm.ModelId}'s context of {context} tokens"));
        }
    }
}
