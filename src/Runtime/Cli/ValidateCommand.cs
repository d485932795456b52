using RlaifV.Runtime.Config;
using RlaifV.Schemas;

namespace RlaifV.Runtime.Cli;

/// <summary><c>rlaifv validate</c>: loads and validates a configuration, nothing else.</summary>
public static class ValidateCommand
{
    internal static Verb Create(CliServices services, GlobalOptions global)
    {
        var verb = new Verb("validate", "validate", "Check a configuration and exit: 0 when valid, 2 with every problem listed.", "rlaifv validate [--config FILE]");
        var config = new ConfigOptions(verb, ConfigOverride.None);
        verb.SetHandler(services, global, run => RunAsync(config.Bind(run.Parse), run));
        return verb;
    }

    /// <summary>Runs the verb (a bad config throws and exits 2).</summary>
    public static async Task<int> RunAsync(ConfigOverrides args, Invocation run)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(run);
        var options = args.LoadOptions();
        await run.Out.WriteLineAsync($"{args.Config}: valid (round {options.Run.Round}, n = {options.Sampling.N}, claims: {EnumNames.Of(options.Claims.Extractor)}, questions: {EnumNames.Of(options.Questions.Rewriter)}, policy: {EnumNames.Of(options.Models.Policy.Backend)}, labeler: {EnumNames.Of(options.Models.Labeler.Backend)})");
        if (options.Kafka.Properties.Count > 0)
        {
            // Secret-named keys and values from the environment show as *** (Secrets.Show).
            await run.Out.WriteLineAsync("kafka.properties: " + string.Join(", ", options.Kafka.Properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={Secrets.Show(p.Key, p.Value)}")));
        }
        return ExitCodes.Ok;
    }
}
