using System.CommandLine;
using Microsoft.Extensions.Logging;
using RlaifV.Orchestration;
using RlaifV.Remote;
using RlaifV.Runtime.Composition;
using RlaifV.Stages.Flow;
using RlaifV.Runtime.Config;
using RlaifV.Runtime.Hosting;
using RlaifV.Stages.Ports;

namespace RlaifV.Runtime.Cli;

/// <summary>One verb being run: its parsed command line, its output, the stop signals and the replaceable parts.</summary>
public sealed class Invocation : IDisposable
{
    private readonly CliServices _services;
    private StopSignals? _signals;

    internal Invocation(string verb, ParseResult parse, ConsoleOutput output, CliServices services)
    {
        Verb = verb;
        Parse = parse;
        Output = output;
        _services = services;
    }

    /// <summary>The verb as typed, e.g. "world pretrain".</summary>
    public string Verb { get; }

    /// <summary>The parsed command line.</summary>
    public ParseResult Parse { get; }

    /// <summary>Standard output and error.</summary>
    public ConsoleOutput Output { get; }

    /// <summary>Results for a person (standard output).</summary>
    public TextWriter Out => Output.Out;

    /// <summary>The status line and event lines (standard error).</summary>
    public ProgressReporter Progress => Output.Progress;

    /// <summary>Log records (standard error).</summary>
    public ILoggerFactory Loggers => Output.Loggers;

    /// <summary>
    /// Builds the pipeline's models from <c>models.*</c> (<see cref="ModelFactory"/>), remote backends logging through
    /// <see cref="Loggers"/> and counting on <paramref name="metrics"/>' registry (served on /metrics); a test host's doubles
    /// when it passed them.
    /// </summary>
    public Func<PipelineOptions, ModelSet> ModelsFor(PipelineMetrics? metrics) =>
        _services.BuildModels ?? (o => ModelFactory.Build(o, new BackendMetrics(metrics?.Registry), Loggers));

    /// <summary>The round trainer a test host passes; null for DPO.</summary>
    public IRoundTrainer? Trainer => _services.Trainer;

    /// <summary>Cancelled by the first Ctrl+C or SIGTERM (a graceful stop); a second Ctrl+C aborts. Registered on first use.</summary>
    public CancellationToken Stop => (_signals ??= new StopSignals(Output.Status)).Token;

    /// <summary>Whether a stop was asked for.</summary>
    public bool Stopping => _signals?.Token.IsCancellationRequested == true;

    /// <summary>Returns once a stop is asked for (Ctrl+C or SIGTERM): the end of a verb that serves until it is told to stop.</summary>
    public async Task UntilStoppedAsync()
    {
        try
        {
            await Task.Delay(Timeout.Infinite, Stop);
        }
        catch (OperationCanceledException) when (Stopping)
        {
            // The stop asked for: the verb goes on to its clean exit.
        }
    }

    /// <summary>The value of <paramref name="option"/>.</summary>
    public T? Get<T>(Option<T> option) => Parse.GetValue(option);

    /// <summary>The value of <paramref name="argument"/>.</summary>
    public T? Get<T>(Argument<T> argument) => Parse.GetValue(argument);

    /// <inheritdoc />
    public void Dispose() => _signals?.Dispose();
}
