using Footfall.Hardware.Watchdog;

namespace Footfall.Tests.Support;

/// <summary>A watchdog that records feeds against a fake clock and says whether it would have reset the machine.</summary>
public sealed class FakeWatchdog(TimeProvider time, TimeSpan timeout) : IWatchdogDevice
{
    private long _lastFeed = time.GetTimestamp();

    public TimeSpan Timeout => timeout;

    public string Name => "/dev/watchdog";

    public int Feeds { get; private set; }

    public bool Disarmed { get; private set; }

    public bool Closed { get; private set; }

    /// <summary>True once the time since the last feed has passed the timeout (the machine would be reset).</summary>
    public bool Expired => time.GetElapsedTime(_lastFeed) > timeout;

    public void Feed()
    {
        Assert.False(Expired, "fed after the watchdog had already reset the machine");
        Feeds++;
        _lastFeed = time.GetTimestamp();
    }

    public void Disarm()
    {
        Disarmed = true;
        Closed = true;
    }

    public void Dispose() => Closed = true;
}
