using RlaifV.Schemas;

namespace RlaifV.Runtime.Cli;

/// <summary><c>rlaifv validate</c>: loads and validates a configuration, nothing else.</summary>
public static class ValidateCommand
{
    /// <summary>Runs the verb (a bad config throws and exits 2 in <see cref="CommandLine"/>).</summary>
    public static async Task<int> RunAsync(Arguments args, TextWriter stdout)
    {
        var options = args.LoadOptions();
        await stdout.WriteLineAsync($"{args.Config}: valid (round {options.Run.Round}, n = {options.Sampling.N}, claims: {EnumNames.Of(options.Claims.Extractor)}, questions: {EnumNames.Of(options.Questions.Rewriter)}, policy: {EnumNames.Of(options.Models.Policy.Backend)}, labeler: {EnumNames.Of(options.Models.Labeler.Backend)})");
        return ExitCodes.Ok;
    }
}
