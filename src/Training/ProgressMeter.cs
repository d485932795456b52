using System.Diagnostics;
using System.Globalization;

namespace RlaifV.Training;

/// <summary>
/// A one-line progress display for long work (reference log-probs, epochs): done/total, percent, rate and time left,
/// rewritten in place at most every <c>interval</c> (and always at the end).
/// </summary>
public sealed class ProgressMeter
{
    private readonly TextWriter? _output;
    private readonly string _label;
    private readonly string _unit;
    private readonly TimeSpan _interval;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly long _start;
    private TimeSpan? _lastShown;

    /// <summary>Creates a meter over <paramref name="total"/> units, starting at <paramref name="start"/> (a resumed run).</summary>
    public ProgressMeter(TextWriter? output, string label, long total, string unit, long start = 0, TimeSpan? interval = null)
    {
        _output = output;
        _label = label;
        _unit = unit;
        Total = total;
        _start = start;
        _interval = interval ?? TimeSpan.FromSeconds(1);
    }

    /// <summary>Units in all.</summary>
    public long Total { get; }

    /// <summary>The text for <paramref name="done"/> units after <paramref name="elapsed"/> (units since the start over time).</summary>
    public string Format(long done, TimeSpan elapsed)
    {
        double rate = elapsed.TotalSeconds > 0 ? (done - _start) / elapsed.TotalSeconds : 0;
        string left = rate > 0 ? Duration(TimeSpan.FromSeconds((Total - done) / rate)) : "?";
        double percent = Total > 0 ? 100.0 * done / Total : 100;
        return string.Create(CultureInfo.InvariantCulture, $"{_label}: {done}/{Total} {_unit} ({percent:F0}%), {rate:F2} {_unit}/s, {left} left");
    }

    /// <summary>Shows progress when the interval has passed or the work is done.</summary>
    public void Report(long done)
    {
        if (_output is null)
        {
            return;
        }

        var now = _clock.Elapsed;
        if (done < Total && _lastShown is { } last && now - last < _interval)
        {
            return;
        }

        _lastShown = now;
        _output.Write("\r" + Format(done, now) + "   ");
        if (done >= Total)
        {
            _output.WriteLine();
        }
    }

    private static string Duration(TimeSpan t) =>
        t.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours}h{t.Minutes:D2}m")
        : t.TotalMinutes >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{t.Minutes}m{t.Seconds:D2}s")
        : string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:F0}s");
}
