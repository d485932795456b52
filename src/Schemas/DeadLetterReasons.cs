namespace RlaifV.Schemas;

/// <summary>
/// The closed set of dead-letter reason codes (bounded label values for metrics). README's "Bad input" section lists each
/// with an example.
/// </summary>
public static class DeadLetterReasons
{
    /// <summary>The input line or message is not valid JSON / Arrow, or not a JSON object.</summary>
    public const string Malformed = "malformed";

    /// <summary>A required field is missing (or null).</summary>
    public const string MissingField = "missing_field";

    /// <summary>A field has the wrong JSON (or Parquet) type, for example a number where a string is required.</summary>
    public const string WrongType = "wrong_type";

    /// <summary>A field has a value outside its allowed set (for example <c>kind: poem</c>).</summary>
    public const string InvalidValue = "invalid_value";

    /// <summary>The record's bytes are not valid UTF-8 (nothing is decoded with replacement characters).</summary>
    public const string InvalidEncoding = "invalid_encoding";

    /// <summary>The record (a JSONL line, a Parquet row group, a Kafka message) is larger than <c>ingest.max_record_bytes</c>.</summary>
    public const string RecordTooLarge = "record_too_large";

    /// <summary>The instruction is empty or blank.</summary>
    public const string EmptyInstruction = "empty_instruction";

    /// <summary>The instruction is over <c>ingest.max_instruction_chars</c>, or its tokens plus the token budget exceed a model's context.</summary>
    public const string PromptTooLong = "prompt_too_long";

    /// <summary>A claim's question (with its template) does not fit the rewriter's or the labeler's context.</summary>
    public const string ClaimTooLong = "claim_too_long";

    /// <summary>The image file does not exist or cannot be read.</summary>
    public const string ImageUnreadable = "image_unreadable";

    /// <summary>The image bytes are not a decodable image (bad base64, unknown format, truncated or corrupt data).</summary>
    public const string ImageInvalid = "image_invalid";

    /// <summary>The image is larger than the configured limit.</summary>
    public const string ImageTooLarge = "image_too_large";

    /// <summary>The image path resolves outside the configured image root.</summary>
    public const string ImageOutsideRoot = "image_outside_root";

    /// <summary>The image's bytes do not match the declared sha256.</summary>
    public const string ImageHashMismatch = "image_hash_mismatch";

    /// <summary>A prompt id seen before in this run.</summary>
    public const string DuplicateId = "duplicate_id";

    /// <summary>A model refused this item (the item, not the model, is at fault).</summary>
    public const string ModelError = "model_error";

    /// <summary>A model returned output that could not be used (malformed, no log-probs, a list that does not match its claims).</summary>
    public const string BadModelOutput = "bad_model_output";

    /// <summary>A model server refused this input (an HTTP 4xx answer other than 408 and 429).</summary>
    public const string ModelRejected = "model_rejected";

    /// <summary>A model server did not answer this input within its timeout, on every retry.</summary>
    public const string ModelTimeout = "model_timeout";
    /// <summary>A prompt that was in flight when generators died <c>kafka.poison_after</c> times.</summary>
    public const string Poison = "poison";

    /// <summary>Training: a pair whose image or text cannot be encoded for the policy.</summary>
    public const string Unencodable = "unencodable";

    /// <summary>Training: a pair whose prompt + response is over <c>training.max_tokens</c>.</summary>
    public const string TooLong = "too_long";

    /// <summary>Training: a pair whose chosen and rejected responses are the same text.</summary>
    public const string IdenticalResponses = "identical_responses";

    /// <summary>Training: a pair record of another round.</summary>
    public const string WrongRound = "wrong_round";

    /// <summary>Every reason, for pre-registering metric label values.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Malformed, MissingField, WrongType, InvalidValue, InvalidEncoding, RecordTooLarge, EmptyInstruction, PromptTooLong,
        ClaimTooLong, ImageUnreadable, ImageInvalid, ImageTooLarge, ImageOutsideRoot, ImageHashMismatch, DuplicateId, ModelError,
        BadModelOutput, ModelRejected, ModelTimeout, Poison, Unencodable, TooLong, IdenticalResponses, WrongRound,
    ];
}
