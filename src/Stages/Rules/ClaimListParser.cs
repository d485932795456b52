namespace RlaifV.Stages.Rules;

/// <summary>
/// Parses an LLM's bullet-list answer into claims (method step 3): the list items (<see cref="ListParser"/>: headers,
/// lead-ins and empty lines skipped, bullets and numbers stripped), exact duplicates dropped while keeping order.
/// </summary>
public static class ClaimListParser
{
    /// <summary>The claims in <paramref name="output"/>, in order.</summary>
    public static IReadOnlyList<string> Parse(string output)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return ListParser.Items(output).Where(seen.Add).ToList();
    }
}
