namespace RlaifV.Schemas.Arrow;

/// <summary>Keys of the schema-level metadata every RlaifV Arrow schema carries.</summary>
public static class SchemaMetadata
{
    /// <summary>The record's wire name.</summary>
    public const string RecordKey = "rlaifv.record";

    /// <summary>The record's schema version.</summary>
    public const string VersionKey = "rlaifv.schema_version";
}
