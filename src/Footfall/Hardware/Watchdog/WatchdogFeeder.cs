using Footfall.Hardware.Gpio;
using Footfall.Interop.Linux;
using Footfall.Runtime;

namespace Footfall.Hardware.Watchdog;

/// <summary>
/// Feeds the hardware watchdog and toggles an external watchdog's kick pin, but only while the health
/// verdict is healthy (as Nerves' heart does, unlike a blind feeder that keeps a hung application alive).
/// When health fails it stops, and says why once, before the reset; when health returns, so does feeding.
/// Call <see cref="Step"/> every <see cref="Period"/>; it takes time from the <see cref="TimeProvider"/>.
/// </summary>
public sealed class WatchdogFeeder
{
    private readonly IWatchdogDevice? _device;
    private readonly IGpioLines? _kick;
    private readonly TimeSpan _kickEvery;
    private readonly Func<HealthVerdict> _health;
    private readonly Log _log;
    private readonly TimeProvider _time;
    private long _lastFeed;
    private long _lastKick;
    private bool _kickLevel;
    private bool _starving;
    private bool _feedFailed;

    public WatchdogFeeder(IWatchdogDevice? device, IGpioLines? kick, TimeSpan kickEvery, Func<HealthVerdict> health, Log log, TimeProvider time)
    {
        _device = device;
        _kick = kick;
        _kickEvery = kickEvery;
        _health = health;
        _log = log;
        _time = time;
        _lastFeed = _lastKick = time.GetTimestamp();
        FeedEvery = device is null ? Timeout.InfiniteTimeSpan : device.Timeout / 3;
        Period = kick is null ? FeedEvery : device is null ? kickEvery : TimeSpan.FromTicks(Math.Min(FeedEvery.Ticks, kickEvery.Ticks));
    }

    /// <summary>A third of the timeout the driver reported: two feeds may be missed before a reset.</summary>
    public TimeSpan FeedEvery { get; }

    /// <summary>How often <see cref="Step"/> should run.</summary>
    public TimeSpan Period { get; }

    public bool Feeding => !_starving;

    /// <summary>Feeds (and kicks) if healthy and due; stops, and logs why once, if not.</summary>
    public void Step()
    {
        HealthVerdict verdict = _health();
        if (!verdict.Healthy)
        {
            if (!_starving)
            {
                _starving = true;
                string resetIn = _device is null ? "" : $" {_device.Name} resets the machine within {_device.Timeout.TotalSeconds:0} s unless footfall recovers.";
                _log.Error($"watchdog: no longer fed ({string.Join("; ", verdict.Reasons)}).{resetIn}");
            }
            return;
        }
        if (_starving)
        {
            _starving = false;
            _log.Info("watchdog: healthy again, feeding it again");
        }
        // Half a period of slack: a timer that fires a hair early must not skip a whole period.
        TimeSpan slack = Period / 2;
        if (_device is not null && _time.GetElapsedTime(_lastFeed) >= FeedEvery - slack)
        {
            Feed(_device);
        }
        if (_kick is not null && _time.GetElapsedTime(_lastKick) >= _kickEvery - slack)
        {
            _kickLevel = !_kickLevel;
            _kick.SetValues(_kickLevel ? 1UL : 0UL, 1UL);
            _lastKick = _time.GetTimestamp();
        }
    }

    /// <summary>On the way out: disarm only on a clean, deliberate stop; otherwise leave the timer running.</summary>
    public void Close(bool deliberate)
    {
        _kick?.Dispose();
        if (_device is null)
        {
            return;
        }
        if (deliberate)
        {
            _device.Disarm();
            _log.Info($"watchdog: {_device.Name} disarmed (clean stop)");
        }
        else
        {
            _device.Dispose();
        }
    }

    private void Feed(IWatchdogDevice device)
    {
        try
        {
            device.Feed();
            _lastFeed = _time.GetTimestamp();
            _feedFailed = false;
        }
        catch (LinuxException e) when (!_feedFailed)
        {
            _feedFailed = true;
            _log.Error($"watchdog: {e.Message}");
        }
        catch (LinuxException)
        {
            // Said once already; the next success clears it.
        }
    }
}
