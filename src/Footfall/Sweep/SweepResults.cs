using Footfall.Net;

namespace Footfall.Sweep;

/// <summary>
/// Who answered one sweep, per target index. The arrays are reused from sweep to sweep so that a
/// daemon sweeping every few seconds allocates nothing once warmed up.
/// </summary>
public sealed class SweepResults
{
    private MacAddress[] _macs = [];

    public SweepTargets? Targets { get; private set; }

    /// <summary>How many targets have been seen.</summary>
    public int Found { get; private set; }

    public long RequestsSent { get; internal set; }

    public TimeSpan Elapsed { get; internal set; }

    public bool AllFound => Targets is not null && Found == Targets.Count;

    public void Reset(SweepTargets targets)
    {
        if (_macs.Length < targets.Count)
        {
            _macs = new MacAddress[targets.Count];
        }
        else
        {
            Array.Clear(_macs, 0, targets.Count);
        }
        Targets = targets;
        Found = 0;
        RequestsSent = 0;
        Elapsed = TimeSpan.Zero;
    }

    /// <summary>True when target <paramref name="index"/> has been seen in this sweep.</summary>
    public bool IsFound(int index) => _macs[index] != MacAddress.Zero;

    /// <summary>Records the first MAC seen at a target; later ones (an address conflict) do not overwrite it.</summary>
    public void Record(int index, MacAddress mac)
    {
        if (_macs[index] != MacAddress.Zero)
        {
            return;
        }
        _macs[index] = mac;
        Found++;
    }

    public MacAddress MacAt(int index) => _macs[index];

    /// <summary>The hosts found, in ascending address order.</summary>
    public IEnumerable<(Ipv4Address Ip, MacAddress Mac)> Hosts()
    {
        SweepTargets targets = Targets ?? throw new InvalidOperationException("No sweep has run.");
        for (int i = 0; i < targets.Count; i++)
        {
            if (_macs[i] != MacAddress.Zero)
            {
                yield return (targets[i], _macs[i]);
            }
        }
    }
}
