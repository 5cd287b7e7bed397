using Footfall.Config;
using Footfall.Hardware;
using Footfall.Hardware.Gpio;
using Footfall.Leds;
using Footfall.Presence;
using Footfall.Runtime;

namespace Footfall.Hardware.Leds;

/// <summary>
/// The real LEDs: person and status lines on a GPIO chip, and a status LED of the LED class (the Pi's
/// ACT). Whatever cannot be had (no chip, a busy line, no permission) is said once and left dark; the
/// daemon carries on.
/// </summary>
public sealed class HardwareLeds : ILedDriver
{
    private readonly GpioOutputs? _outputs;
    private readonly int? _statusLine;
    private readonly SysfsLed? _statusLed;
    private readonly List<(int Line, bool On)> _levels = [];

    private HardwareLeds(GpioOutputs? outputs, int? statusLine, SysfsLed? statusLed)
    {
        _outputs = outputs;
        _statusLine = statusLine;
        _statusLed = statusLed;
    }

    /// <summary>What the LEDs are driven through, for the log: "gpiochip0 lines 17, 27; LED ACT".</summary>
    public string Description { get; private init; } = "";

    /// <summary>How many configured LEDs could not be had (each said in the log).</summary>
    public int Unavailable { get; private init; }

    /// <summary>True when not a single LED could be had (or none is configured): nothing to drive.</summary>
    public bool IsEmpty => _outputs is null && _statusLed is null;

    /// <summary>The LEDs that can be had; <see cref="IsEmpty"/> when there are none.</summary>
    public static HardwareLeds Open(LedSettings settings, IReadOnlyList<Person> people, Log log, Func<string, IGpioChip> openChip, string ledClassDirectory = SysfsLed.ClassDirectory)
    {
        var lines = people.Where(p => p.Led is not null).Select(p => p.Led!.Value).ToList();
        if (settings.StatusLine is { } statusLine)
        {
            lines.Add(statusLine);
        }
        GpioOutputs? outputs = null;
        int unavailable = 0;
        string chipName = settings.Chip;
        if (lines.Count > 0)
        {
            try
            {
                using IGpioChip chip = openChip(settings.Chip);
                chipName = $"{chip.Name} ({chip.Label})";
                outputs = GpioOutputs.Request(chip, lines, settings.ActiveLow);
                unavailable += outputs.Failures.Count;
                if (outputs.Failures.Count > 0)
                {
                    log.Warn($"LEDs: {string.Join("; ", outputs.Failures.Select(f => f.Message))}: carrying on without {(outputs.Failures.Count == 1 ? "that LED" : "those LEDs")}");
                }
            }
            catch (GpioException e)
            {
                unavailable += lines.Count;
                log.Warn($"LEDs: {e.Message}: carrying on without GPIO LEDs");
            }
        }

        SysfsLed? statusLed = null;
        string? statusName = settings.StatusLed ?? (settings.StatusLine is null && SysfsLed.Exists("ACT", ledClassDirectory) ? "ACT" : null);
        if (statusName is not null)
        {
            try
            {
                statusLed = SysfsLed.Open(statusName, ledClassDirectory);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                unavailable++;
                log.Warn($"LEDs: could not use {Path.Combine(ledClassDirectory, statusName)} as the status LED: {e.Message}");
            }
        }
        if (outputs is not { Lines: var held } || !held.Any())
        {
            outputs?.Dispose();
            outputs = null;
            if (statusLed is null)
            {
                return new HardwareLeds(null, null, null) { Unavailable = unavailable };
            }
        }
        var parts = new List<string>();
        if (outputs is not null)
        {
            parts.Add($"{chipName} {LibgpiodChip.LineList(outputs.Lines.Order().ToList())}");
        }
        if (statusLed is not null)
        {
            parts.Add($"status LED {statusLed.Name}");
        }
        return new HardwareLeds(outputs, settings.StatusLine, statusLed) { Description = string.Join("; ", parts), Unavailable = unavailable };
    }

    public void Show(LedFrame frame)
    {
        _statusLed?.Set(frame.StatusOn);
        if (_outputs is null)
        {
            return;
        }
        _levels.Clear();
        if (_statusLine is { } statusLine)
        {
            _levels.Add((statusLine, frame.StatusOn));
        }
        foreach (PersonLed person in frame.People)
        {
            if (person.Line is { } line)
            {
                _levels.Add((line, person.On));
            }
        }
        _outputs.Set(_levels);
    }

    public void Dispose()
    {
        _statusLed?.Set(false);
        _outputs?.Dispose();
    }
}
