using Footfall.Leds;
using Footfall.Presence;
using Footfall.Runtime;

namespace Footfall.Daemon;

/// <summary>
/// Renders the LEDs: a person's LED from the presence board, the status LED's pattern from the health
/// verdict. The patterns are pure (<see cref="StatusLed"/>); this only sets levels. It wakes at the
/// pattern's next edge, and at least every <see cref="Step"/> to see presence and health change, so
/// an appliance whose LED is steady wakes four times a second rather than ten.
/// </summary>
public sealed class LedLoop
{
    public static readonly TimeSpan Step = TimeSpan.FromMilliseconds(250);

    private readonly IReadOnlyList<ILedDriver> _drivers;
    private readonly Func<HealthVerdict> _health;
    private readonly PresenceBoard _presence;
    private readonly IReadOnlyList<Person> _people;
    private readonly TimeProvider _time;
    private readonly StatusLed _status;
    private readonly StatusJudge _judge;
    private readonly Log _log;
    private bool _failed;

    public LedLoop(IReadOnlyList<ILedDriver> drivers, Func<HealthVerdict> health, StatusJudge judge, PresenceBoard presence, IReadOnlyList<Person> people, Log log, TimeProvider time)
    {
        _log = log;
        _drivers = drivers;
        _health = health;
        _judge = judge;
        _presence = presence;
        _people = people;
        _time = time;
        _status = new StatusLed(time);
    }

    /// <summary>Works out and shows the LEDs now.</summary>
    public LedFrame Render()
    {
        _status.Show(_judge.Judge(_health(), _presence.FirstSweepDone, _presence.AnyoneIn));
        var people = _people.Select(p => new PersonLed(p.Name, p.Led, _presence.IsIn(p.Name))).ToList();
        var frame = new LedFrame(_status.Condition, _status.IsOn, people);
        foreach (ILedDriver driver in _drivers)
        {
            driver.Show(frame);
        }
        return frame;
    }

    /// <summary>When to render next: the status pattern's next edge, or <see cref="Step"/>, whichever comes first.</summary>
    public TimeSpan NextWake() =>
        _status.UntilNextChange is { } edge && edge < Step ? (edge > TimeSpan.Zero ? edge : TimeSpan.FromMilliseconds(1)) : Step;

    public async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            while (true)
            {
                try
                {
                    Render();
                    _failed = false;
                }
                catch (Exception e) when (e is Hardware.Gpio.GpioException or IOException or UnauthorizedAccessException)
                {
                    // LEDs are a courtesy: say it once, keep trying, never take the daemon down.
                    if (!_failed)
                    {
                        _log.Warn($"LEDs: {e.Message}");
                        _failed = true;
                    }
                }
                await Task.Delay(NextWake(), _time, stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
