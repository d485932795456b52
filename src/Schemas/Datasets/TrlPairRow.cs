using System.Text.Json.Serialization;

namespace RlaifV.Schemas.Datasets;

/// <summary>
/// A pair in TRL's conversational vision-DPO layout, as the formatted RLAIF-V datasets on the Hugging Face Hub lay it out:
/// <c>prompt</c> is a message list whose user turn holds an image part and a text part, <c>chosen</c> and
/// <c>rejected</c> are message lists of one assistant turn each, and <c>images</c> lists the prompt's images
/// ({bytes, path}), so a vision DPO trainer given these files puts the image where the prompt's image part is; plus the
/// provenance columns.
/// </summary>
public sealed class TrlPairRow : PairRow
{
    /// <summary>The user turn: an image part, then the instruction as a text part.</summary>
    [JsonPropertyName("prompt")]
    public List<TrlMessage>? Prompt { get; set; }

    /// <summary>The chosen response as one assistant turn.</summary>
    [JsonPropertyName("chosen")]
    public List<TrlMessage>? Chosen { get; set; }

    /// <summary>The rejected response as one assistant turn.</summary>
    [JsonPropertyName("rejected")]
    public List<TrlMessage>? Rejected { get; set; }

    /// <summary>The prompt's images (one here), in the order of the prompt's image parts.</summary>
    [JsonPropertyName("images")]
    public List<DatasetImage>? Images { get; set; }

    /// <summary>Builds the row.</summary>
    public static TrlPairRow From(PreferencePair p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var row = new TrlPairRow
        {
            Prompt = [new TrlMessage { Role = "user", Content = [TrlContent.Image(), TrlContent.Of(p.Instruction)] }],
            Chosen = [TrlMessage.Assistant(p.Chosen)],
            Rejected = [TrlMessage.Assistant(p.Rejected)],
            Images = [new DatasetImage { Bytes = p.Image.Bytes, Path = p.Image.Uri }],
        };
        row.Fill(p);
        return row;
    }
}
