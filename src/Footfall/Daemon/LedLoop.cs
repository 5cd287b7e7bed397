using Footfall.Leds;
using Footfall.Presence;
using Footfall.Runtime;

namespace Footfall.Daemon;

/// <summary>
/// Renders the LEDs: a person's LED from the presence board, the status LED's pattern from the health
/// verdict. The patterns are pure (<see cref="StatusLed"/>); this only sets levels. It wakes at the
/// pattern's next edge, when the presence board changes, and — given <see cref="HealthChanged"/> and
/// <see cref="UntilHealthMayChange"/> — when health changes or may turn late; without them it looks at
/// health every <see cref="Step"/>. An appliance whose LED is steady then does not wake at all until
/// something changes (it woke four times a second to look).
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

    /// <summary>Rung when the health verdict may have changed (<see cref="Health.Changed"/>).</summary>
    public Doorbell? HealthChanged { get; init; }

    /// <summary>How long until the verdict may change by time alone (<see cref="Health.UntilLate"/>).</summary>
    public Func<TimeSpan?>? UntilHealthMayChange { get; init; }

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

    /// <summary>
    /// When to render next, unless presence or health rings first: the status pattern's next edge, or the
    /// moment health may turn late (every <see cref="Step"/> when health does not ring), whichever comes
    /// first; <see cref="Timeout.InfiniteTimeSpan"/> when only a ring can change anything.
    /// </summary>
    public TimeSpan NextWake()
    {
        TimeSpan? health = HealthChanged is null ? Step : UntilHealthMayChange?.Invoke();
        TimeSpan? edge = _status.UntilNextChange;
        TimeSpan? next = edge is null || (health is not null && health < edge) ? health : edge;
        return next is null ? Timeout.InfiniteTimeSpan : next > TimeSpan.Zero ? next.Value : TimeSpan.FromMilliseconds(1);
    }

    public async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            while (true)
            {
                using var wake = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                // Taken before rendering, so that a change while rendering still wakes the wait below.
                Task presenceChanged = _presence.Changed.Next;
                Task? healthChanged = HealthChanged?.Next;
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
                // A failing driver is retried every Step: nothing rings when it comes back.
                TimeSpan wait = NextWake();
                Task due = Task.Delay(_failed && (wait > Step || wait == Timeout.InfiniteTimeSpan) ? Step : wait, _time, wake.Token);
                await (healthChanged is null ? Task.WhenAny(due, presenceChanged) : Task.WhenAny(due, presenceChanged, healthChanged)).ConfigureAwait(false);
                await wake.CancelAsync().ConfigureAwait(false);
                stopping.ThrowIfCancellationRequested();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
