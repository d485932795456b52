using Apache.Arrow;
using Apache.Arrow.Types;
using RlaifV.Schemas.Arrow;

namespace RlaifV.Schemas.Tests;

public class SchemaLayoutTests
{
    private static string Describe(Schema schema) =>
        string.Join("\n", schema.FieldsList.Select(Describe));

    private static string Describe(Field f) => $"{f.Name}:{TypeName(f.DataType)}{(f.IsNullable ? "?" : string.Empty)}";

    private static string TypeName(IArrowType t) => t switch
    {
        ListType l => $"list<{TypeName(l.ValueDataType)}{(l.ValueField.IsNullable ? "?" : string.Empty)}>",
        StructType s => "struct{" + string.Join(",", s.Fields.Select(Describe)) + "}",
        TimestampType ts => $"timestamp[{ts.Unit},{ts.Timezone}]",
        _ => t.Name,
    };

    private const string VerdictStruct = "struct{claim_index:int32,claim:utf8,question:utf8,p_yes:double,p_no:double,accepted:bool}";

    [Fact]
    public void PromptLayout_Fields_ArePinned() => Assert.Equal(
        "prompt_id:utf8\ninstruction:utf8\nkind:utf8\nimage_uri:utf8?\nimage_bytes:binary?\nimage_sha256:utf8\nsource:utf8?\nmetadata:utf8?",
        Describe(Prompt.Layout.Schema));

    [Fact]
    public void CandidateLayout_Fields_ArePinned() => Assert.Equal(
        "candidate_id:utf8\nprompt_id:utf8\nround:int32\nindex:int32\nseed:int64\ntext:utf8\ntoken_count:int32\npolicy_id:utf8",
        Describe(Candidate.Layout.Schema));

    [Fact]
    public void ClaimSetLayout_Fields_ArePinned() => Assert.Equal(
        "candidate_id:utf8\nprompt_id:utf8\nclaims:list<utf8>\nquestions:list<utf8>\nextractor_id:utf8",
        Describe(ClaimSet.Layout.Schema));

    [Fact]
    public void VerdictLayout_Fields_ArePinned() => Assert.Equal(
        "claim_index:int32\nclaim:utf8\nquestion:utf8\np_yes:double\np_no:double\naccepted:bool",
        Describe(Verdict.Layout.Schema));

    [Fact]
    public void ScoredCandidateLayout_Fields_ArePinned() => Assert.Equal(
        "candidate_id:utf8\nprompt_id:utf8\nround:int32\nindex:int32\nseed:int64\ntext:utf8\ntoken_count:int32\npolicy_id:utf8\n"
        + $"verdicts:list<{VerdictStruct}>\nscore:int32?\nlabeler_id:utf8",
        Describe(ScoredCandidate.Layout.Schema));

    [Fact]
    public void PreferencePairLayout_Fields_ArePinned() => Assert.Equal(
        "pair_id:utf8\nprompt_id:utf8\nround:int32\ninstruction:utf8\nimage_uri:utf8?\nimage_bytes:binary?\nimage_sha256:utf8\n"
        + "chosen_index:int32\nrejected_index:int32\nchosen:utf8\nrejected:utf8\nchosen_score:int32\nrejected_score:int32\n"
        + $"chosen_words:int32\nrejected_words:int32\nchosen_verdicts:list<{VerdictStruct}>\nrejected_verdicts:list<{VerdictStruct}>\n"
        + "policy_id:utf8\nlabeler_id:utf8\nsource:utf8?",
        Describe(PreferencePair.Layout.Schema));

    [Fact]
    public void DeadLetterLayout_Fields_ArePinned() => Assert.Equal(
        "stage:utf8\nreason:utf8\ndetail:utf8\nkey:utf8?\norigin:utf8?\ninput:utf8\nat:timestamp[Microsecond,UTC]",
        Describe(DeadLetter.Layout.Schema));

    [Fact]
    public void Layouts_Metadata_CarryRecordNameAndVersion()
    {
        Assert.Equal("preference_pair", PreferencePair.Layout.Schema.Metadata[SchemaMetadata.RecordKey]);
        Assert.Equal("1", PreferencePair.Layout.Schema.Metadata[SchemaMetadata.VersionKey]);
    }
}
