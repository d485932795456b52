using System.CommandLine;
using RlaifV.Kafka;
using RlaifV.Kafka.Generation;
using RlaifV.Runtime.Config;
using RlaifV.Stages.Sources;

namespace RlaifV.Runtime.Cli;

/// <summary>
/// <c>rlaifv topic dump TOPIC [--limit N]</c> prints a topic as JSON lines; <c>rlaifv topic load FILE</c>
/// puts a prompts file onto the prompts topic. Both need <c>kafka.bootstrap_servers</c> (or
/// <c>--bootstrap</c>): against the embedded default they see only this process's own, empty broker.
/// </summary>
public static class TopicCommand
{
    private const string Usage = "rlaifv topic dump TOPIC [--limit N] [--bootstrap HOST:PORT]\nrlaifv topic load FILE [--bootstrap HOST:PORT]";
    private const string Note = "the embedded default broker is this process's own and starts empty, so these need a real cluster's bootstrap servers";

    internal static Verb Create(CliServices services, GlobalOptions global)
    {
        var topic = new Verb("topic", "topic", $"Print a topic as JSON lines, or put a prompts file onto the prompts topic ({Note}).", Usage);
        topic.Subcommands.Add(Dump(services, global));
        topic.Subcommands.Add(Load(services, global));
        return topic;
    }

    private static Verb Dump(CliServices services, GlobalOptions global)
    {
        var verb = new Verb("dump", "topic dump", $"Print a topic as JSON lines on standard output ({Note}).", "rlaifv topic dump TOPIC [--limit N] [--config FILE] [--bootstrap HOST:PORT]");
        var name = new Argument<string>("TOPIC") { Description = "the topic, e.g. rlaifv.r0003.pairs" };
        name.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string>() is { } t && !TopicNames.IsValid(t)) r.AddError($"topic '{t}' is not a valid topic name");
        });
        verb.Arguments.Add(name);
        var config = new ConfigOptions(verb, ConfigOverride.Bootstrap);
        var limit = CliOption.WholeLong("--limit", 0, "print at most this many messages");
        verb.Options.Add(limit);
        verb.SetHandler(services, global, async run =>
        {
            using var environment = Open(config.Bind(run.Parse).LoadOptions(configOptional: true), run);
            long count;
            try
            {
                count = TopicDump.Write(run.Out, environment, run.Get(name)!, run.Get(limit));
            }
            catch (InvalidOperationException e)
            {
                run.Output.Error($"rlaifv topic dump: {e.Message}");
                return ExitCodes.Failed;
            }
            run.Progress.WriteLine($"{count} messages");
            await run.Out.FlushAsync();
            return ExitCodes.Ok;
        });
        return verb;
    }

    private static Verb Load(CliServices services, GlobalOptions global)
    {
        var verb = new Verb("load", "topic load", $"Put a prompts file (JSONL or Parquet) onto the prompts topic; bad records are dead-lettered ({Note}).", "rlaifv topic load FILE [--config FILE] [--bootstrap HOST:PORT]");
        var file = new Argument<string>("FILE") { Description = "the prompts file" };
        verb.Arguments.Add(file);
        var config = new ConfigOptions(verb, ConfigOverride.Bootstrap);
        verb.SetHandler(services, global, async run =>
        {
            var options = config.Bind(run.Parse).LoadOptions(configOptional: true);
            using var environment = Open(options, run);
            var (loaded, rejected) = await PromptLoader.LoadAsync(environment, PromptFiles.Open(Path.GetFullPath(run.Get(file)!), options.Input.Format, options.Ingest), options.Ingest, new RlaifV.Models.SkiaImageDecoder(), run.Stop);
            await run.Out.WriteLineAsync($"loaded {loaded} prompts onto {environment.Topics.Prompts}; {rejected} records dead-lettered to {environment.Topics.DeadLetters}");
            return ExitCodes.Ok;
        });
        return verb;
    }

    private static KafkaEnvironment Open(PipelineOptions options, Invocation run)
    {
        if (options.Kafka.IsEmbedded)
            run.Progress.WriteLine("note: kafka.bootstrap_servers is 'embedded': this process starts its own empty broker; pass --bootstrap HOST:PORT to reach a cluster");
        return KafkaEnvironment.Open(options.Kafka, run.Loggers);
    }
}
