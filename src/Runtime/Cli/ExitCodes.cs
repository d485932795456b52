namespace RlaifV.Runtime.Cli;

/// <summary>Process exit codes.</summary>
public static class ExitCodes
{
    /// <summary>Done (including a graceful stop).</summary>
    public const int Ok = 0;

    /// <summary>The run failed (a stage fault, a model that failed to load, an I/O error).</summary>
    public const int Failed = 1;

    /// <summary>Bad command line or configuration; nothing was done.</summary>
    public const int Usage = 2;
}
