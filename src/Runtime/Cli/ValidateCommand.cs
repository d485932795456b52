namespace RlaifV.Runtime.Cli;

/// <summary><c>rlaifv validate</c>: loads and validates a configuration, nothing else.</summary>
public static class ValidateCommand
{
    /// <summary>Runs the verb (a bad config throws and exits 2 in <see cref="CommandLine"/>).</summary>
    public static async Task<int> RunAsync(Arguments args, TextWriter stdout)
    {
        var options = args.LoadOptions();
        await stdout.WriteLineAsync($"{args.Config}: valid (round {options.Run.Round}, n = {options.Sampling.N}, claims: {options.Claims.Extractor}, questions: {options.Questions.Rewriter}, policy: {options.Models.Policy.Backend}, labeler: {options.Models.Labeler.Backend})");
        return ExitCodes.Ok;
    }
}
