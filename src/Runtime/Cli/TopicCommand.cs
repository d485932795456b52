using RlaifV.Kafka;
using RlaifV.Kafka.Generation;
using RlaifV.Stages.Sources;

namespace RlaifV.Runtime.Cli;

/// <summary>
/// <c>rlaifv topic dump TOPIC [--limit N]</c> prints a topic as JSON lines; <c>rlaifv topic load FILE</c>
/// puts a prompts file onto the prompts topic. Both need <c>kafka.bootstrap_servers</c> (or
/// <c>--bootstrap</c>): against the embedded default they see only this process's own, empty broker.
/// </summary>
public static class TopicCommand
{
    /// <summary>Runs the verb.</summary>
    public static async Task<int> RunAsync(Arguments args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Positionals.Count != 2 || args.Positionals[0] is not ("dump" or "load"))
            throw new ArgumentException("usage: rlaifv topic dump TOPIC [--limit N] | rlaifv topic load FILE");
        var options = args.LoadOptions(configOptional: true);
        if (options.Kafka.IsEmbedded)
            await stderr.WriteLineAsync("note: kafka.bootstrap_servers is 'embedded': this process starts its own empty broker; pass --bootstrap HOST:PORT to reach a cluster");
        using var environment = KafkaEnvironment.Open(options.Kafka);
        if (args.Positionals[0] == "dump")
        {
            var topic = args.Positionals[1];
            if (!TopicNames.IsValid(topic)) throw new ArgumentException($"topic '{topic}' is not a valid topic name");
            long count;
            try
            {
                count = TopicDump.Write(stdout, environment, topic, args.Limit);
            }
            catch (InvalidOperationException e)
            {
                await stderr.WriteLineAsync($"rlaifv topic dump: {e.Message}");
                return ExitCodes.Failed;
            }
            await stderr.WriteLineAsync($"{count} messages");
            return ExitCodes.Ok;
        }
        var file = Path.GetFullPath(args.Positionals[1]);
        var (loaded, rejected) = await PromptLoader.LoadAsync(environment, PromptFiles.Open(file, options.Input.Format), options.Ingest, CancellationToken.None);
        await stdout.WriteLineAsync($"loaded {loaded} prompts onto {environment.Topics.Prompts}; {rejected} records dead-lettered to {environment.Topics.DeadLetters}");
        return ExitCodes.Ok;
    }
}
