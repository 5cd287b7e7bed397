namespace Footfall.Runtime;

/// <summary>
/// Lines for humans and for journald. Under systemd (JOURNAL_STREAM set) each line starts with a
/// syslog priority such as &lt;6&gt;, which journald turns into the entry's level; on a terminal each
/// line gets the time instead. Never colours, never secrets: callers pass only safe text.
/// </summary>
public sealed class Log
{
    private readonly TextWriter _writer;
    private readonly TimeProvider _time;
    private readonly bool _journal;
    private readonly object _gate = new();

    public Log(TextWriter writer, TimeProvider time, bool? journal = null)
    {
        _writer = writer;
        _time = time;
        _journal = journal ?? Environment.GetEnvironmentVariable("JOURNAL_STREAM") is { Length: > 0 };
    }

    /// <summary>Detail for whoever debugs (input that was ignored, say); journald keeps it at debug level.</summary>
    public void Debug(string message) => Write(7, "debug", message);

    public void Info(string message) => Write(6, "info", message);

    public void Warn(string message) => Write(4, "warn", message);

    public void Error(string message) => Write(3, "error", message);

    private void Write(int priority, string level, string message)
    {
        string line = _journal
            ? $"<{priority}>{message}"
            : $"{_time.GetLocalNow():HH:mm:ss} {level,-5} {message}";
        lock (_gate)
        {
            _writer.WriteLine(line);
            _writer.Flush();
        }
    }
}
