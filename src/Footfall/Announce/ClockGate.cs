namespace Footfall.Announce;

/// <summary>
/// Whether the system clock can be trusted to sign requests. A Pi has no real-time clock: until NTP has
/// set it, it runs from a saved or built-in time, and X rejects signatures whose timestamp is off by
/// minutes. systemd-timesyncd creates its marker file once it has synchronised; with no marker
/// configured (announce.x.clockSync "system"), the clock is taken as right, as on a developer's machine.
/// </summary>
public sealed class ClockGate
{
    private readonly string? _marker;

    public ClockGate(string? marker) => _marker = marker;

    public bool IsSynchronised => _marker is null || File.Exists(_marker);

    /// <summary>Why it waits, for the log and the status LED.</summary>
    public string Waiting => $"the system clock is not known to be synchronised yet (waiting for {_marker}); nothing is signed until it is";
}
