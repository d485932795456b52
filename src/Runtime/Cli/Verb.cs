using System.CommandLine;
using RlaifV.Runtime.Hosting;
using RlaifV.Stages.Flow;
using RlaifV.Stages.Options;
using RlaifV.Training;

namespace RlaifV.Runtime.Cli;

/// <summary>
/// A verb of the command line: its help (description, options), the usage line shown with a command-line error, and
/// the one place where a verb's outcome becomes an exit code: done 0; a configuration or usage problem 2 (nothing was
/// done); a stage or training fault, or any other error, 1 with one line naming it; a graceful stop
/// <see cref="StopExitCode"/> with <see cref="StopNote"/>.
/// </summary>
internal sealed class Verb : Command
{
    /// <summary>Creates a verb.</summary>
    /// <param name="name">The word typed.</param>
    /// <param name="path">The words from the program's name on, e.g. "world pretrain".</param>
    /// <param name="description">What it does (the help's first lines).</param>
    /// <param name="usage">Its usage, e.g. "rlaifv topic dump TOPIC [--limit N]".</param>
    public Verb(string name, string path, string description, string usage)
        : base(name, description)
    {
        Path = path;
        Usage = usage;
    }

    /// <summary>The words from the program's name on.</summary>
    public string Path { get; }

    /// <summary>Usage line(s) shown under a command-line error.</summary>
    public string Usage { get; }

    /// <summary>Said after a graceful stop (null: the stop's own message).</summary>
    public string? StopNote { get; init; } = "stopped";

    /// <summary>The exit code of a graceful stop.</summary>
    public int StopExitCode { get; init; } = ExitCodes.Ok;

    /// <summary>Runs <paramref name="handler"/> when this verb is invoked.</summary>
    public void SetHandler(CliServices services, GlobalOptions global, Func<Invocation, Task<int>> handler) =>
        SetAction(async (parse, _) =>
        {
            using var output = new ConsoleOutput(services.Stdout, services.Stderr, global.Settings(parse, services.Terminal));
            using var run = new Invocation(Path, parse, output, services);
            try
            {
                return await handler(run);
            }
            catch (ConfigException e)
            {
                output.Error(e.Message);
                return ExitCodes.Usage;
            }
            catch (UsageException e)
            {
                output.Error($"rlaifv {Path}: {e.Message}");
                return ExitCodes.Usage;
            }
            catch (OperationCanceledException e) when (run.Stopping)
            {
                output.Progress.WriteLine($"rlaifv {Path}: {StopNote ?? "stopped. " + e.Message}");
                return StopExitCode;
            }
            catch (Exception e) when (e is StageException or TrainingException)
            {
                output.Error($"rlaifv {Path}: {e.Message}");
                return ExitCodes.Failed;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A fatal error (a model that failed to load, an unreadable file, a fatal broker error): one clear
                // line and a non-zero exit rather than an unhandled-exception dump.
                output.Error($"rlaifv {Path}: failed: {e.GetType().Name}: {e.Message}");
                if (output.Settings.Verbose) output.Progress.WriteLine(e.ToString()); // --verbose: where it came from
                return ExitCodes.Failed;
            }
        });
}
