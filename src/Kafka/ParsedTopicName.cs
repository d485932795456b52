namespace RlaifV.Kafka;

/// <summary>A topic name of the scheme, taken apart by <see cref="TopicNames.TryParse"/>.</summary>
/// <param name="Prefix">The prefix (first component).</param>
/// <param name="Kind">What the topic holds.</param>
/// <param name="Round">The round, for per-round topics; null otherwise.</param>
/// <param name="Variant">The replay variant suffix (after the kind and a dash), or null.</param>
public sealed record ParsedTopicName(string Prefix, TopicKind Kind, int? Round, string? Variant);
