namespace RlaifV.Runtime.Cli;

/// <summary>Process exit codes (a scheduler can trust them: 0 only when the work asked for is done).</summary>
public static class ExitCodes
{
    /// <summary>Done: the work asked for is finished (a <c>--follow</c> service stopped by SIGTERM that drained and committed counts as done).</summary>
    public const int Ok = 0;

    /// <summary>The run failed (a stage fault, a model that failed to load, an I/O error).</summary>
    public const int Failed = 1;

    /// <summary>Bad command line or configuration; nothing was done.</summary>
    public const int Usage = 2;

    /// <summary>
    /// Stopped (Ctrl+C / SIGTERM) before the work asked for was done: a bounded round, a run, the coordinator's rounds or
    /// a training; what was finished is committed and saved, and the same command resumes.
    /// </summary>
    public const int Stopped = 3;
}
