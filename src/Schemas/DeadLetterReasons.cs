namespace RlaifV.Schemas;

/// <summary>The closed set of dead-letter reason codes (bounded label values for metrics).</summary>
public static class DeadLetterReasons
{
    /// <summary>The input line or message is not valid JSON / Arrow.</summary>
    public const string Malformed = "malformed";

    /// <summary>A required field is missing or has the wrong type.</summary>
    public const string MissingField = "missing_field";

    /// <summary>The instruction is empty or blank.</summary>
    public const string EmptyInstruction = "empty_instruction";

    /// <summary>The image file does not exist or cannot be read.</summary>
    public const string ImageUnreadable = "image_unreadable";

    /// <summary>The image bytes are not a decodable image.</summary>
    public const string ImageInvalid = "image_invalid";

    /// <summary>The image is larger than the configured limit.</summary>
    public const string ImageTooLarge = "image_too_large";

    /// <summary>The image path resolves outside the configured image root.</summary>
    public const string ImageOutsideRoot = "image_outside_root";

    /// <summary>The image's bytes do not match the declared sha256.</summary>
    public const string ImageHashMismatch = "image_hash_mismatch";

    /// <summary>A prompt id seen before in this run.</summary>
    public const string DuplicateId = "duplicate_id";

    /// <summary>A model call failed for this item (the item, not the model, is at fault).</summary>
    public const string ModelError = "model_error";

    /// <summary>A model returned output that could not be used (malformed, no log-probs, a list that does not match its claims).</summary>
    public const string BadModelOutput = "bad_model_output";

    /// <summary>A model server refused this input (an HTTP 4xx answer other than 408 and 429).</summary>
    public const string ModelRejected = "model_rejected";

    /// <summary>A model server did not answer this input within its timeout, on every retry.</summary>
    public const string ModelTimeout = "model_timeout";

    /// <summary>Every reason, for pre-registering metric label values.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Malformed, MissingField, EmptyInstruction, ImageUnreadable, ImageInvalid, ImageTooLarge,
        ImageOutsideRoot, ImageHashMismatch, DuplicateId, ModelError, BadModelOutput, ModelRejected, ModelTimeout,
    ];
}
