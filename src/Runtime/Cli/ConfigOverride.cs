namespace RlaifV.Runtime.Cli;

/// <summary>The configuration overrides a verb offers besides <c>--config</c> (see <see cref="ConfigOptions"/>).</summary>
[Flags]
internal enum ConfigOverride
{
    /// <summary>Only --config.</summary>
    None = 0,

    /// <summary>--input FILE.</summary>
    Input = 1,

    /// <summary>--output DIR.</summary>
    Output = 2,

    /// <summary>--round N.</summary>
    Round = 4,

    /// <summary>--source file|kafka|world.</summary>
    Source = 8,

    /// <summary>--bootstrap HOST:PORT.</summary>
    Bootstrap = 16,

    /// <summary>--rounds N.</summary>
    Rounds = 32,

    /// <summary>--prompts-per-round N.</summary>
    PromptsPerRound = 64,

    /// <summary>--held-out N.</summary>
    HeldOut = 128,
}
