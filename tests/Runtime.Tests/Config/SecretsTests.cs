using RlaifV.Runtime.Config;
using RlaifV.Runtime.Hosting;
using RlaifV.Stages.Options;
using YamlDotNet.RepresentationModel;

namespace RlaifV.Runtime.Tests;

public class SecretsTests
{
    [Fact]
    public void Parse_KafkaPropertiesWithAVariable_BindsTheMapWithTheEnvironmentsValue()
    {
        Environment.SetEnvironmentVariable("RLAIFV_TEST_SECRETS_A", "pw-from-env-91c2");
        var o = ConfigLoader.Parse("kafka:\n  bootstrap_servers: k1:9092\n  properties:\n    security.protocol: sasl_ssl\n    sasl.password: ${RLAIFV_TEST_SECRETS_A}\n");
        Assert.Equal("sasl_ssl", o.Kafka.Properties["security.protocol"]);
        Assert.Equal("pw-from-env-91c2", o.Kafka.Properties["sasl.password"]);
        Assert.Equal("a *** b", Secrets.Redact("a pw-from-env-91c2 b"));
    }

    [Fact]
    public void Parse_MissingVariable_ConfigErrorNamingTheKeyAndTheVariable()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("kafka:\n  properties:\n    sasl.password: ${RLAIFV_TEST_SECRETS_UNSET_7}\n"));
        Assert.Contains("kafka.properties.sasl.password: the environment variable RLAIFV_TEST_SECRETS_UNSET_7", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PropertiesThatAreNotAMap_ShapeErrorNamingTheKey()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("kafka:\n  properties: [a, b]\n"));
        Assert.Contains("kafka.properties: expected a map of keys to single values", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Expand_SecretNamedKey_RememberedAndShownMasked()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader("kafka:\n  properties:\n    ssl.key.password: literal-written-in-file-55\n"));
        Assert.Empty(Secrets.Expand(yaml.Documents[0].RootNode, "p.yaml", _ => null));
        Assert.Equal("x *** y", Secrets.Redact("x literal-written-in-file-55 y"));
        Assert.Equal(Secrets.Mask, Secrets.Show("sasl.oauthbearer.token", "anything"));
        Assert.Equal("plaintext", Secrets.Show("security.protocol", "plaintext"));
        Assert.Equal("2048", Secrets.Show("max_tokens", "2048")); // a count of tokens is no token
        Assert.Equal(Secrets.Mask, Secrets.Show("api_key", "x"));
    }

    [Fact]
    public void RedactingWriter_SecretWrittenInPieces_MaskedWhole()
    {
        Secrets.Remember("pieces-secret-0042");
        var inner = new StringWriter();
        using (var writer = new RedactingWriter(inner))
        {
            writer.Write("before pieces-");
            writer.Write("secret-0042 after");
            writer.WriteLine();
            writer.Write("tail pieces-secret-0042");
        }
        Assert.Equal($"before *** after{Environment.NewLine}tail ***", inner.ToString());
    }
}
