using System.Text.Json;
using System.Text.Json.Serialization;

namespace RlaifV.Models;

/// <summary>Reads a JSON integer or list of integers (Hugging Face's <c>eos_token_id</c>) as a list.</summary>
internal sealed class IntOrIntListConverter : JsonConverter<IReadOnlyList<int>>
{
    public override IReadOnlyList<int> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return [];
            case JsonTokenType.Number:
                return [reader.GetInt32()];
            case JsonTokenType.StartArray:
                var list = new List<int>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    list.Add(reader.GetInt32());
                }

                return list;
            default:
                throw new JsonException("expected an integer or a list of integers");
        }
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<int> value, JsonSerializerOptions options)
    {
        if (value.Count == 1)
        {
            writer.WriteNumberValue(value[0]);
            return;
        }

        writer.WriteStartArray();
        foreach (int v in value)
        {
            writer.WriteNumberValue(v);
        }

        writer.WriteEndArray();
    }
}
