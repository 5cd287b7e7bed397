using Footfall.Leds;
using Footfall.Runtime;

namespace Footfall.Hardware.Leds;

/// <summary>
/// The LEDs for a machine without them (a dev machine, the demo): one log line whenever what they show
/// changes — a person's LED, or the status LED's condition with its pattern — rather than every blink,
/// so that it reads well on a terminal and in a log alike.
/// </summary>
public sealed class LedPanel(Log log) : ILedDriver
{
    private string _last = "";

    public void Show(LedFrame frame)
    {
        string line = Render(frame);
        if (line != _last)
        {
            log.Info(line);
            _last = line;
        }
    }

    public static string Render(LedFrame frame)
    {
        string people = frame.People.Count == 0 ? "no people" : string.Join("  ", frame.People.Select(p => $"{p.Name} {(p.On ? '●' : '○')}"));
        return $"leds: {people} | status: {StatusPatterns.Meaning(frame.Status)} ({StatusPatterns.For(frame.Status).Description})";
    }

    public void Dispose()
    {
    }
}
