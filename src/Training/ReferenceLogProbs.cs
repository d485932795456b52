using System.Globalization;
using System.Text.Json;
using RlaifV.Stages.Ports;

namespace RlaifV.Training;

/// <summary>
/// The reference model's log-probs of a pair (method step 8): summed, per-token mean and per-token values of the
/// chosen and the rejected response (response tokens only, end-of-turn included), in nats.
/// </summary>
/// <param name="Chosen">The chosen response's log-probs.</param>
/// <param name="Rejected">The rejected response's log-probs.</param>
public sealed record ReferenceLogProbs(ResponseLogProbs Chosen, ResponseLogProbs Rejected)
{
    /// <summary>
    /// The JSON of the released data's <c>logps</c> column: [chosen sum, chosen mean, [chosen per-token], rejected
    /// sum, rejected mean, [rejected per-token]].
    /// </summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartArray();
            foreach (var r in new[] { Chosen, Rejected })
            {
                w.WriteNumberValue(r.Sum);
                w.WriteNumberValue(r.Mean);
                w.WriteStartArray();
                foreach (float v in r.PerToken)
                {
                    w.WriteNumberValue(v);
                }

                w.WriteEndArray();
            }

            w.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Parses <see cref="ToJson"/>'s layout; null when the text is not that layout.</summary>
    public static ReferenceLogProbs? TryParse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(json);
            var a = doc.RootElement;
            if (a.ValueKind != JsonValueKind.Array || a.GetArrayLength() != 6)
            {
                return null;
            }

            return new ReferenceLogProbs(Read(a[0], a[2]), Read(a[3], a[5]));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    private static ResponseLogProbs Read(JsonElement sum, JsonElement perToken) =>
        new(sum.GetDouble(), perToken.EnumerateArray().Select(v => v.GetSingle()).ToArray());

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"ref chosen {Chosen.Sum:F3} / rejected {Rejected.Sum:F3}");
}
