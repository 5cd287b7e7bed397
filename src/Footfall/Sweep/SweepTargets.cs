using Footfall.Net;

namespace Footfall.Sweep;

/// <summary>
/// The addresses one sweep probes: the hosts of its subnets, merged where they overlap, in ascending
/// order, without the sweeper's own address. Addressed by index so results live in flat arrays.
/// </summary>
public sealed class SweepTargets
{
    /// <summary>The widest subnet we sweep: a /16 is 65,534 requests; anything wider floods the network for minutes.</summary>
    public const int WidestPrefix = 16;

    private readonly uint[] _firsts;
    private readonly uint[] _lasts;
    private readonly int[] _startIndexes;

    private SweepTargets(List<(uint First, uint Last)> ranges)
    {
        _firsts = new uint[ranges.Count];
        _lasts = new uint[ranges.Count];
        _startIndexes = new int[ranges.Count];
        int index = 0;
        for (int i = 0; i < ranges.Count; i++)
        {
            _firsts[i] = ranges[i].First;
            _lasts[i] = ranges[i].Last;
            _startIndexes[i] = index;
            index += (int)(ranges[i].Last - ranges[i].First + 1);
        }
        Count = index;
    }

    public int Count { get; }

    /// <summary>
    /// Builds the targets; refuses (with a reason fit for the user) subnets wider than /16.
    /// <paramref name="exclude"/> (the sweeper's own address) is left out.
    /// </summary>
    public static bool TryCreate(IReadOnlyList<Ipv4Subnet> subnets, Ipv4Address? exclude, out SweepTargets targets, out string error)
    {
        targets = null!;
        error = "";
        if (subnets.Count == 0)
        {
            error = "no subnet to sweep";
            return false;
        }
        var ranges = new List<(uint First, uint Last)>(subnets.Count);
        foreach (Ipv4Subnet subnet in subnets)
        {
            if (WhyTooWide(subnet) is { } tooWide)
            {
                error = tooWide;
                return false;
            }
            (Ipv4Address first, Ipv4Address last) = subnet.HostRange;
            ranges.Add((first.Value, last.Value));
        }
        ranges.Sort();
        var merged = new List<(uint First, uint Last)>(ranges.Count);
        foreach ((uint first, uint last) in ranges)
        {
            if (merged.Count > 0 && (ulong)first <= (ulong)merged[^1].Last + 1)
            {
                merged[^1] = (merged[^1].First, Math.Max(last, merged[^1].Last));
            }
            else
            {
                merged.Add((first, last));
            }
        }
        if (exclude is { } self)
        {
            for (int i = 0; i < merged.Count; i++)
            {
                (uint first, uint last) = merged[i];
                if (self.Value < first || self.Value > last)
                {
                    continue;
                }
                merged.RemoveAt(i);
                if (self.Value < last)
                {
                    merged.Insert(i, (self.Value + 1, last));
                }
                if (self.Value > first)
                {
                    merged.Insert(i, (first, self.Value - 1));
                }
                break;
            }
        }
        if (merged.Count == 0)
        {
            error = "the subnets hold no address to sweep but our own";
            return false;
        }
        targets = new SweepTargets(merged);
        return true;
    }

    /// <summary>Why <paramref name="subnet"/> is too wide to sweep, or null when it is fine.</summary>
    public static string? WhyTooWide(Ipv4Subnet subnet) => subnet.PrefixLength >= WidestPrefix ? null
        : $"{subnet} has {subnet.Size:N0} addresses; footfall sweeps subnets up to /{WidestPrefix} (65,534 hosts). Give narrower subnets, e.g. {new Ipv4Subnet(subnet.Network, WidestPrefix)}.";

    public Ipv4Address this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            int range = Array.BinarySearch(_startIndexes, index);
            if (range < 0)
            {
                range = ~range - 1;
            }
            return new Ipv4Address(_firsts[range] + (uint)(index - _startIndexes[range]));
        }
    }

    /// <summary>The index of <paramref name="address"/>, or false when the sweep does not cover it.</summary>
    public bool TryIndexOf(Ipv4Address address, out int index)
    {
        int range = Array.BinarySearch(_firsts, address.Value);
        if (range < 0)
        {
            range = ~range - 1;
        }
        if (range >= 0 && address.Value <= _lasts[range])
        {
            index = _startIndexes[range] + (int)(address.Value - _firsts[range]);
            return true;
        }
        index = -1;
        return false;
    }
}
