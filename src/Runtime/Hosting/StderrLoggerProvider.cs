using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace RlaifV.Runtime.Hosting;

/// <summary>
/// Log records on standard error, written synchronously through <see cref="ConsoleScreen"/> so that they never break
/// into the status line and keep their order with the event lines. Text: <c>HH:mm:ss level Category: message</c>.
/// Json: one object per line with the fields of Microsoft.Extensions.Logging's JSON console formatter (Timestamp,
/// EventId, LogLevel, Category, Message, State, Exception).
/// </summary>
public sealed class StderrLoggerProvider(ConsoleScreen screen, LogFormat format, TimeProvider? time = null) : ILoggerProvider
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new StderrLogger(this, categoryName);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    /// <summary>One record as a line in the provider's format.</summary>
    internal string Format<TState>(string category, LogLevel level, EventId id, TState state, Exception? exception, string message)
    {
        var now = _time.GetUtcNow();
        if (format == LogFormat.Text)
        {
            var text = new StringBuilder();
            text.Append(CultureInfo.InvariantCulture, $"{now.ToLocalTime():HH:mm:ss} {Level(level)} {category[(category.LastIndexOf('.') + 1)..]}: {message}");
            if (exception is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $" ({exception.GetType().Name}: {exception.Message})");
            }
            return text.ToString();
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("Timestamp", now.ToString("O", CultureInfo.InvariantCulture));
            json.WriteNumber("EventId", id.Id);
            json.WriteString("LogLevel", level.ToString());
            json.WriteString("Category", category);
            json.WriteString("Message", message);
            if (exception is not null)
            {
                json.WriteString("Exception", exception.ToString());
            }
            if (state is IReadOnlyList<KeyValuePair<string, object?>> values)
            {
                json.WriteStartObject("State");
                foreach (var (key, value) in values)
                {
                    WriteValue(json, key, value);
                }
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    internal void Write(string line) => screen.WriteLine(line, keepStatus: true);

    private static void WriteValue(Utf8JsonWriter json, string key, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNull(key);
                break;
            case bool b:
                json.WriteBoolean(key, b);
                break;
            case int or long or short or byte or uint or ulong or ushort or sbyte or decimal:
                json.WritePropertyName(key);
                json.WriteRawValue(Convert.ToString(value, CultureInfo.InvariantCulture)!);
                break;
            case double d when double.IsFinite(d):
                json.WriteNumber(key, d);
                break;
            case float f when float.IsFinite(f):
                json.WriteNumber(key, f);
                break;
            default:
                json.WriteString(key, Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "error",
        _ => "fatal",
    };

    private sealed class StderrLogger(StderrLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }
            provider.Write(provider.Format(category, logLevel, eventId, state, exception, formatter(state, exception)));
        }
    }
}
