using System.Text.Json;

namespace RlaifV.Schemas;

/// <summary>
/// How enum values are spelled outside the code (pipeline.yaml, file and folder names, JSON): snake_case of the member
/// name (<c>RejectedClaims</c> → <c>rejected_claims</c>, <c>PYes</c> → <c>p_yes</c>).
/// </summary>
public static class EnumNames
{
    /// <summary>The spelling of <paramref name="value"/>.</summary>
    public static string Of(Enum value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
    }

    /// <summary>
    /// The values a setting of <paramref name="type"/> may take, by spelling, in declaration order; a flags enum's zero
    /// member (its "none") is not a setting of its own.
    /// </summary>
    public static IReadOnlyList<(string Name, Enum Value)> Settable(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var flags = type.IsDefined(typeof(FlagsAttribute), inherit: false);
        return Enum.GetValues(type).Cast<Enum>()
            .Where(v => !flags || Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture) != 0)
            .Select(v => (Of(v), v))
            .ToList();
    }
}
