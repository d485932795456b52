using System.Globalization;
using System.Text.RegularExpressions;

namespace RlaifV.Remote;

/// <summary>The <c>{round}</c> placeholder of a served model's name: <c>{round}</c>, or <c>{round:FORMAT}</c> with a .NET number format.</summary>
public static partial class ModelNames
{
    /// <summary>Whether <paramref name="model"/> names a different model every round.</summary>
    public static bool IsPerRound(string model) => Placeholder().IsMatch(model ?? string.Empty);

    /// <summary><paramref name="model"/> with every <c>{round…}</c> replaced by <paramref name="round"/>.</summary>
    public static string ForRound(string model, int round) =>
        Placeholder().Replace(model, m => round.ToString(m.Groups["format"].Success ? m.Groups["format"].Value : string.Empty, CultureInfo.InvariantCulture));

    /// <summary>False (with the problem) when a brace in <paramref name="model"/> is not a valid <c>{round}</c> placeholder.</summary>
    public static bool TryCheck(string model, out string problem)
    {
        var rest = Placeholder().Replace(model, string.Empty);
        if (rest.Contains('{', StringComparison.Ordinal) || rest.Contains('}', StringComparison.Ordinal))
        {
            problem = "the only placeholder allowed is {round} or {round:FORMAT} (for example round-{round:D4})";
            return false;
        }
        try
        {
            _ = ForRound(model, 1);
        }
        catch (FormatException)
        {
            problem = "the {round:FORMAT} format is not a valid .NET number format (for example D4)";
            return false;
        }
        problem = string.Empty;
        return true;
    }

    [GeneratedRegex(@"\{round(?::(?<format>[^{}]+))?\}")]
    private static partial Regex Placeholder();
}
