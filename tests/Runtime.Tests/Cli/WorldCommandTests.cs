using RlaifV.Runtime.Cli;

namespace RlaifV.Runtime.Tests;

public sealed class WorldCommandTests
{
    [Theory]
    [InlineData("world")]
    [InlineData("world", "pretrain", "--seed", "1")]
    [InlineData("world", "pretrain", "--out", "x", "--steps", "-3")]
    [InlineData("world", "pretrain", "--out", "x", "--bogus", "1")]
    [InlineData("world", "sample", "--out", "x")]
    public async Task RunAsync_BadArguments_Exits2WithHelp(params string[] args)
    {
        var stderr = new StringWriter();

        Assert.Equal(ExitCodes.Usage, await CommandLine.RunAsync(args, new StringWriter(), stderr));
        Assert.Contains("world pretrain --seed S --out DIR", stderr.ToString());
    }

    [Fact]
    public async Task RunAsync_TinyBudget_PrintsFiguresAndWritesManifest()
    {
        string dir = Path.Combine(Path.GetTempPath(), "rlaifv-world-cli-" + Guid.NewGuid().ToString("N"));
        try
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            int code = await CommandLine.RunAsync(["world", "pretrain", "--seed", "3", "--out", dir, "--steps", "2", "--labeler-steps", "1", "--batch", "2", "--eval", "2", "--threads", "1"], stdout, stderr);

            Assert.Equal(ExitCodes.Ok, code);
            Assert.Contains("policy   step 2/2", stderr.ToString());
            Assert.Contains("response_hallucination", stdout.ToString());
            Assert.Contains("labeler_agreement", stdout.ToString());
            Assert.True(File.Exists(Path.Combine(dir, "SHA256SUMS")));
            Assert.True(File.Exists(Path.Combine(dir, "labeler", "model.safetensors")));
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }
}
