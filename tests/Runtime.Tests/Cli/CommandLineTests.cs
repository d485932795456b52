using RlaifV.Runtime.Cli;
using RlaifV.TestKit;

namespace RlaifV.Runtime.Tests.Cli;

/// <summary>The command line's shape: help on every verb, version, and exit 2 with a message naming what is wrong.</summary>
public sealed class CommandLineTests
{
    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = await CommandLine.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    public static TheoryData<string, string[]> VerbsAndTheirOptions => new()
    {
        { "run", ["--config", "--rounds", "--prompts-per-round", "--held-out", "--output", "--input", "--source", "--bootstrap", "--verbose", "--log-format"] },
        { "generate", ["--config", "--input", "--output", "--round", "--source", "--bootstrap", "--until-caught-up", "--verbose", "--log-format"] },
        { "replay", ["--from", "--variant", "--round", "--config", "--bootstrap", "--output"] },
        { "topic", ["dump", "load"] },
        { "topic dump", ["<TOPIC>", "--limit", "--config", "--bootstrap"] },
        { "topic load", ["<FILE>", "--config", "--bootstrap"] },
        { "train", ["--config", "--round", "--output"] },
        { "bon", ["--image", "--prompt", "--aligned", "--reference", "--n", "--config"] },
        { "world", ["pretrain", "ablate"] },
        { "world pretrain", ["--seed", "--out", "--steps", "--labeler-steps", "--batch", "--eval", "--threads", "--policy", "--labeler-lr", "--false-share"] },
        { "world ablate", ["--config", "--n", "--output"] },
        { "validate", ["--config"] },
        { "help", ["<verb>"] },
    };

    [Theory]
    [MemberData(nameof(VerbsAndTheirOptions))]
    public async Task Help_EveryVerb_Exits0AndDescribesEachOption(string verb, string[] options)
    {
        foreach (var flag in new[] { "--help", "-h" })
        {
            var (code, stdout, _) = await RunAsync([.. verb.Split(' '), flag]);

            Assert.Equal(ExitCodes.Ok, code);
            Assert.Contains($"rlaifv {verb}", stdout, StringComparison.Ordinal);
            foreach (var option in options)
            {
                // Each option's row carries a description after its name.
                Assert.Matches($@"(?m)^\s+(\S+, )?{System.Text.RegularExpressions.Regex.Escape(option)}(?=[\s,]).*\S\s{{2,}}\S", stdout);
            }
        }
    }

    [Fact]
    public async Task Help_HelpVerb_PrintsTheSameAsTheOption()
    {
        var (code, stdout, _) = await RunAsync("help", "world", "pretrain");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal((await RunAsync("world", "pretrain", "--help")).Stdout, stdout);
    }

    [Fact]
    public async Task Help_HelpVerbForAnUnknownVerb_Exits2NamingIt()
    {
        var (code, stdout, stderr) = await RunAsync("help", "frobnicate");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Empty(stdout);
        Assert.Contains("rlaifv help: unknown verb 'frobnicate'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_Exits0AndPrintsTheProductVersion()
    {
        var (code, stdout, _) = await RunAsync("--version");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Matches(@"^rlaifv \d+\.\d+\.\d+\S*\r?\n$", stdout);
    }

    [Fact]
    public async Task NoVerb_PrintsHelpAndExits2()
    {
        var (code, stdout, stderr) = await RunAsync();

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Empty(stdout);
        Assert.Contains("Commands:", stderr, StringComparison.Ordinal);
        Assert.Contains("run ", stderr, StringComparison.Ordinal);
        Assert.Contains("world ", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run --bogus 3", "rlaifv run: unknown option '--bogus'")]
    [InlineData("frobnicate", "rlaifv: unknown verb 'frobnicate'")]
    [InlineData("topic list", "rlaifv topic: unknown sub-command 'list'")]
    [InlineData("validate extra", "rlaifv validate: unexpected argument 'extra'")]
    [InlineData("run --rounds 0", "--rounds = '0': allowed is a whole number ≥ 1")]
    [InlineData("generate --round x", "--round = 'x': allowed is a whole number ≥ 0")]
    [InlineData("run --source s3", "--source = 's3': allowed is file, kafka or world")]
    [InlineData("replay --from pairs --variant v", "--from = 'pairs': allowed is candidates or verdicts")]
    [InlineData("replay --from candidates --variant Bad_Name", "--variant = 'Bad_Name': allowed is lower-case letters")]
    [InlineData("run --log-format xml", "--log-format = 'xml': allowed is text or json")]
    [InlineData("topic dump --limit -1 rlaifv.prompts", "--limit = '-1': allowed is a whole number ≥ 0")]
    [InlineData("topic dump bad/topic", "topic 'bad/topic' is not a valid topic name")]
    [InlineData("world pretrain --out x --false-share 2", "--false-share = '2': allowed is a number from 0 to 1")]
    [InlineData("world pretrain --out x --seed -1", "--seed = '-1' is not a non-negative integer")]
    [InlineData("replay --variant v", "Option '--from' is required")]
    [InlineData("bon --image a.png --prompt p --aligned a", "Option '--reference' is required")]
    [InlineData("world pretrain --seed 1", "Option '--out' is required")]
    [InlineData("topic dump", "rlaifv topic dump: TOPIC is needed")]
    [InlineData("generate --config", "--config")]
    public async Task Parse_BadCommandLine_Exits2NamingTheProblemWithAHint(string args, string message)
    {
        var (code, stdout, stderr) = await RunAsync(args.Split(' '));

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Empty(stdout);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Assert.Contains("Usage: rlaifv", stderr, StringComparison.Ordinal);
        Assert.Contains("--help' for", stderr, StringComparison.Ordinal);
        Assert.True(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length <= 6, stderr);
    }

    [Fact]
    public async Task Parse_BadCommandLineWithJsonLogs_Exits2WithOneJsonRecord()
    {
        var (code, _, stderr) = await RunAsync("--log-format", "json", "run", "--rounds", "0");

        Assert.Equal(ExitCodes.Usage, code);
        var record = System.Text.Json.JsonDocument.Parse(stderr.Trim()).RootElement;
        Assert.Equal("Error", record.GetProperty("LogLevel").GetString());
        Assert.Contains("--rounds = '0'", record.GetProperty("Message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GlobalOptions_BeforeOrAfterTheVerb_AreAccepted()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("c.yaml"), "metrics:\n  enabled: false\n");

        Assert.Equal(ExitCodes.Ok, (await RunAsync("--verbose", "--log-format", "json", "validate", "--config", dir.File("c.yaml"))).Code);
        Assert.Equal(ExitCodes.Ok, (await RunAsync("validate", "--config", dir.File("c.yaml"), "--log-format", "text", "--verbose")).Code);
    }

    [Fact]
    public async Task Config_MissingFile_Exits2WithTheConfigurationMessage()
    {
        var (code, _, stderr) = await RunAsync("validate", "--config", "/nonexistent/rlaifv.yaml");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("/nonexistent/rlaifv.yaml", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_BadFileWithJsonLogs_Exits2WithAnErrorRecord()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("bad.yaml"), "sampling:\n  top_p: 2\n");

        var (code, _, stderr) = await RunAsync("validate", "--config", dir.File("bad.yaml"), "--log-format", "json");

        Assert.Equal(ExitCodes.Usage, code);
        var record = System.Text.Json.JsonDocument.Parse(stderr.Trim()).RootElement;
        Assert.Equal("Error", record.GetProperty("LogLevel").GetString());
        Assert.Contains("sampling.top_p = 2", record.GetProperty("Message").GetString(), StringComparison.Ordinal);
    }
}
