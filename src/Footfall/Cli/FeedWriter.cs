using System.Globalization;
using System.Text.Json;
using Footfall.Contracts;
using Footfall.Feed;
using Footfall.Text;

namespace Footfall.Cli;

/// <summary>
/// Writes feed lines: piped, plain text, one line an entry with its date and time ("2026-11-28 10:42  Alice
/// walked in"); on a terminal the time alone under a line for each day, and with --follow new lines typed out
/// gently; with --json one JSON object a line. Times are in site.timeZone, as in `footfall log`; a terminal's day
/// line names the zone.
/// </summary>
internal sealed class FeedWriter
{
    // A new line is typed out at this pace, but never takes longer than the cap however long it is.
    private static readonly TimeSpan s_perCharacter = TimeSpan.FromMilliseconds(18);
    private static readonly TimeSpan s_typingCap = TimeSpan.FromMilliseconds(700);

    private readonly TextWriter _out;
    private readonly bool _json;
    private readonly bool _terminal;
    private readonly TimeZoneInfo _timeZone;
    private DateOnly? _day;

    public FeedWriter(TextWriter output, bool json, bool terminal, TimeZoneInfo timeZone)
    {
        _out = output;
        _json = json;
        _terminal = terminal && !json;
        _timeZone = timeZone;
    }

    /// <param name="live">A line that just happened (under --follow): typed out on a terminal.</param>
    public void Write(FeedEntry entry, bool live)
    {
        if (_json)
        {
            _out.WriteLine(JsonSerializer.Serialize(FeedEntryJson.From(entry), FeedJsonContext.Default.FeedEntryJson));
            _out.Flush();
            return;
        }
        DateTime local = TimeZoneInfo.ConvertTime(entry.At, _timeZone).DateTime;
        if (!_terminal)
        {
            _out.WriteLine($"{local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}  {entry.Text}");
            _out.Flush();
            return;
        }
        var day = DateOnly.FromDateTime(local);
        if (_day != day)
        {
            _out.WriteLine($"{(_day is null ? "" : "\n")}— {local.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture)} ({SiteClock.Name(_timeZone)}) —");
            _day = day;
        }
        _out.Write($"{local.ToString("HH:mm", CultureInfo.InvariantCulture)}  ");
        if (live)
        {
            TypeOut(entry.Text);
        }
        else
        {
            _out.Write(entry.Text);
        }
        _out.WriteLine();
        _out.Flush();
    }

    /// <summary>When the history is empty: said in words, except to a script (JSON, or a pipe that follows).</summary>
    public void WriteNothingYet(bool following)
    {
        if (!_json && (_terminal || !following))
        {
            _out.WriteLine(following ? "Nothing has happened yet; waiting for the first event (Ctrl-C to stop)." : "Nothing has happened yet.");
            _out.Flush();
        }
    }

    private void TypeOut(string text)
    {
        TimeSpan pause = TimeSpan.FromTicks(Math.Min(s_perCharacter.Ticks, s_typingCap.Ticks / Math.Max(1, text.Length)));
        foreach (char c in text)
        {
            _out.Write(c);
            _out.Flush();
            Thread.Sleep(pause);
        }
    }
}
