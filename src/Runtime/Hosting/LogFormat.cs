namespace RlaifV.Runtime.Hosting;

/// <summary>How standard error is written (<c>--log-format</c>).</summary>
public enum LogFormat
{
    /// <summary>For a person: a status line, one line per event, log records as short lines.</summary>
    Text,

    /// <summary>For a log collector: every record (events and progress included) one JSON object per line.</summary>
    Json,
}
