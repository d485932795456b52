using System.Text.Json.Serialization;

namespace RlaifV.Schemas.ChatApi;

/// <summary>
/// The OpenAI-compatible wire format's JSON (snake_case names, nulls left out), source-generated: the one definition the
/// remote backends and <c>rlaifv serve</c> both read and write.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ChatCompletionRequest))]
[JsonSerializable(typeof(ChatCompletion))]
[JsonSerializable(typeof(ContentPart))]
[JsonSerializable(typeof(List<ContentPart>))]
[JsonSerializable(typeof(ModelList))]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(LoadLoraAdapterRequest))]
[JsonSerializable(typeof(string))]
public sealed partial class ChatApiJson : JsonSerializerContext;
