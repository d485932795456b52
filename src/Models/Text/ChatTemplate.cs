namespace RlaifV.Models;

/// <summary>
/// How a single-turn conversation is laid out for a model: system text, user and assistant markers, where the image
/// goes, and how the answer is separated and terminated. Everything is a setting; the named presets cover the
/// LLaVA-1.5 conversation format, a plain instruct format and the Llama-3 chat format.
/// </summary>
public sealed record ChatTemplate
{
    /// <summary>The literal that marks where image tokens go in a rendered prompt.</summary>
    public const string ImagePlaceholder = "<image>";

    /// <summary>Preset name.</summary>
    public string Name { get; init; } = "custom";

    /// <summary>Text before the user turn (may be empty).</summary>
    public string System { get; init; } = "";

    /// <summary>Marker that opens the user turn.</summary>
    public string UserPrefix { get; init; } = "";

    /// <summary>Text placed between the image placeholder and the instruction.</summary>
    public string ImageSuffix { get; init; } = "\n";

    /// <summary>Marker that closes the user turn and opens the answer (the prompt ends with it).</summary>
    public string AssistantPrefix { get; init; } = "\n";

    /// <summary>True when the answer is separated from <see cref="AssistantPrefix"/> by a space ("ASSISTANT: Yes").</summary>
    public bool AnswerAfterSpace { get; init; }

    /// <summary>Token that ends the assistant's turn (scored as part of a response; a stop token when generating).</summary>
    public string EndOfTurn { get; init; } = "</s>";

    /// <summary>
    /// LLaVA-1.5 (Vicuna v1) conversation: "SYSTEM USER: &lt;image&gt;\nINSTRUCTION ASSISTANT: answer&lt;/s&gt;".
    /// </summary>
    public static ChatTemplate Llava15 { get; } = new()
    {
        Name = "llava-1.5",
        System = "A chat between a curious human and an artificial intelligence assistant. The assistant gives helpful, detailed, and polite answers to the human's questions. ",
        UserPrefix = "USER: ",
        ImageSuffix = "\n",
        AssistantPrefix = " ASSISTANT:",
        AnswerAfterSpace = true,
        EndOfTurn = "</s>",
    };

    /// <summary>Plain instruct: "INSTRUCTION\n" then the answer, ended by end-of-sequence.</summary>
    public static ChatTemplate PlainInstruct { get; } = new()
    {
        Name = "plain",
        AssistantPrefix = "\n",
        AnswerAfterSpace = false,
        EndOfTurn = "</s>",
    };

    /// <summary>Llama-3 chat headers, answer ended by &lt;|eot_id|&gt;.</summary>
    public static ChatTemplate Llama3 { get; } = new()
    {
        Name = "llama-3",
        UserPrefix = "<|start_header_id|>user<|end_header_id|>\n\n",
        AssistantPrefix = "<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n",
        AnswerAfterSpace = false,
        EndOfTurn = "<|eot_id|>",
    };

    /// <summary>The preset called <paramref name="name"/> ("llava-1.5", "plain", "llama-3").</summary>
    public static ChatTemplate FromName(string name) => name switch
    {
        "llava-1.5" => Llava15,
        "plain" => PlainInstruct,
        "llama-3" => Llama3,
        _ => throw new ArgumentException($"Unknown chat template '{name}'; allowed: llava-1.5, plain, llama-3.", nameof(name)),
    };

    /// <summary>
    /// The prompt for one user turn, ending where the answer begins. With <paramref name="withImage"/> the
    /// <see cref="ImagePlaceholder"/> precedes the instruction; any placeholder inside the instruction is removed.
    /// </summary>
    public string Render(string instruction, bool withImage)
    {
        string text = instruction.Replace(ImagePlaceholder, "", StringComparison.Ordinal);
        string image = withImage ? ImagePlaceholder + ImageSuffix : "";
        return System + UserPrefix + image + text + AssistantPrefix;
    }
}
