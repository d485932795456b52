namespace RlaifV.Kafka.Tests;

public class TopicNamesTests
{
    private readonly TopicNames names = new("rlaifv");

    [Fact]
    public void FixedTopics_DefaultPrefix_FollowTheScheme()
    {
        Assert.Equal("rlaifv.prompts", names.Prompts);
        Assert.Equal("rlaifv.dlq", names.DeadLetters);
        Assert.Equal("rlaifv.control", names.Control);
    }

    [Fact]
    public void RoundTopics_Round3_AreZeroPaddedToFourDigits()
    {
        Assert.Equal("rlaifv.r0003.candidates", names.Candidates(3));
        Assert.Equal("rlaifv.r0003.verdicts", names.Verdicts(3));
        Assert.Equal("rlaifv.r0003.pairs", names.Pairs(3));
        Assert.Equal(["rlaifv.r0003.candidates", "rlaifv.r0003.verdicts", "rlaifv.r0003.pairs"], names.RoundTopics(3));
    }

    [Fact]
    public void Pairs_WithVariant_AppendsItAfterADash()
    {
        Assert.Equal("rlaifv.r0012.pairs-relabel-b", names.Pairs(12, "relabel-b"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("RLAIFV")]
    [InlineData("rl_aifv")]
    [InlineData("1abc")]
    [InlineData("a.b")]
    [InlineData("-abc")]
    public void Constructor_InvalidPrefix_Throws(string prefix)
    {
        Assert.Throws<ArgumentException>(() => new TopicNames(prefix));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(10_000)]
    public void Pairs_RoundOutOfRange_Throws(int round)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => names.Pairs(round));
    }

    [Theory]
    [InlineData("Bad_Variant")]
    [InlineData("x.y")]
    public void Pairs_InvalidVariant_Throws(string variant)
    {
        Assert.Throws<ArgumentException>(() => names.Pairs(1, variant));
    }

    [Theory]
    [InlineData("")]
    [InlineData(".rlaifv")]
    [InlineData("rlaifv.")]
    [InlineData("rlaifv..pairs")]
    [InlineData("rlaifv_pairs")]
    [InlineData("Rlaifv.pairs")]
    [InlineData("rlaifv pairs")]
    public void Validate_IllegalName_ThrowsNamingTheTopic(string topic)
    {
        var e = Assert.Throws<ArgumentException>(() => TopicNames.Validate(topic));
        Assert.Contains($"'{topic}'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TooLong_Throws()
    {
        Assert.False(TopicNames.IsValid(new string('a', TopicNames.MaxLength + 1)));
        Assert.True(TopicNames.IsValid(new string('a', TopicNames.MaxLength)));
    }

    [Fact]
    public void TryParse_SchemeNames_GiveKindRoundAndVariant()
    {
        Assert.True(TopicNames.TryParse(names.Pairs(7, "relabel"), out var p));
        Assert.Equal(new ParsedTopicName("rlaifv", TopicKind.Pairs, 7, "relabel"), p);
        Assert.True(TopicNames.TryParse(names.Verdicts(0), out var v));
        Assert.Equal(new ParsedTopicName("rlaifv", TopicKind.Verdicts, 0, null), v);
        Assert.True(TopicNames.TryParse("team-a.control", out var c));
        Assert.Equal(new ParsedTopicName("team-a", TopicKind.Control, null, null), c);
        Assert.True(TopicNames.TryParse(names.DeadLetters, out var d));
        Assert.Equal(TopicKind.DeadLetters, d.Kind);
        Assert.True(TopicNames.TryParse(names.Prompts, out var pr));
        Assert.Equal(TopicKind.Prompts, pr.Kind);
    }

    [Theory]
    [InlineData("rlaifv.other")]
    [InlineData("rlaifv.r3.pairs")]
    [InlineData("rlaifv.r0003.claims")]
    [InlineData("rlaifv.r0003.pairs.extra")]
    [InlineData("rlaifv.x0003.pairs")]
    [InlineData("rlaifv.r0003.pairs-")]
    [InlineData("orders")]
    public void TryParse_ForeignName_ReturnsFalse(string topic)
    {
        Assert.False(TopicNames.TryParse(topic, out _));
    }
}
