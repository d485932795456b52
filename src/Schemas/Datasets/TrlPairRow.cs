using System.Text.Json.Serialization;

namespace RlaifV.Schemas.Datasets;

/// <summary>A pair in TRL's vision-DPO layout (prompt, chosen, rejected, images), plus provenance.</summary>
public sealed class TrlPairRow : PairRow
{
    /// <summary>The instruction.</summary>
    [JsonPropertyName("prompt")]
    public string? Prompt { get; set; }

    /// <summary>The prompt's images (one here).</summary>
    [JsonPropertyName("images")]
    public List<DatasetImage>? Images { get; set; }

    /// <summary>Builds the row.</summary>
    public static TrlPairRow From(PreferencePair p)
    {
        var row = new TrlPairRow
        {
            Prompt = p.Instruction,
            Images = [new DatasetImage { Bytes = p.Image.Bytes, Path = p.Image.Uri }],
        };
        row.Fill(p);
        return row;
    }
}
