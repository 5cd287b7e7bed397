using System.Buffers.Binary;
using Footfall.Sweep;

namespace Footfall.Tests.Support;

/// <summary>
/// A LAN in memory for sweeper logic tests: hosts answer broadcast who-has requests after a delay,
/// some replies get lost, and time moves on a <see cref="ManualClock"/> only while the sweeper waits.
/// The real wire is tested in the lab tests; this one makes loss and timing reproducible.
/// </summary>
public sealed class SimulatedLan : IArpLink
{
    private readonly ManualClock _clock;
    private readonly Random _random;
    private readonly PriorityQueue<byte[], long> _pending = new();
    private readonly Dictionary<uint, string> _hosts = new();

    public SimulatedLan(ManualClock clock, int seed = 1)
    {
        _clock = clock;
        _random = new Random(seed);
    }

    public double ReplyLoss { get; set; }

    public TimeSpan ReplyDelay { get; set; } = TimeSpan.FromMilliseconds(1);

    public List<(long Timestamp, uint TargetIp)> Sent { get; } = new();

    public void AddHost(string ip, string mac) => _hosts[IpValue(ip)] = mac;

    /// <summary>Puts a frame on the wire towards the sweeper, arriving after <paramref name="after"/>.</summary>
    public void Inject(byte[] frame, TimeSpan after) => _pending.Enqueue(frame, _clock.GetTimestamp() + after.Ticks);

    public bool TrySend(ReadOnlySpan<byte> frame)
    {
        uint target = BinaryPrimitives.ReadUInt32BigEndian(frame[38..]);
        Sent.Add((_clock.GetTimestamp(), target));
        if (_hosts.TryGetValue(target, out string? mac) && _random.NextDouble() >= ReplyLoss)
        {
            string sweeperMac = string.Join(':', frame.Slice(22, 6).ToArray().Select(b => b.ToString("x2")));
            string sweeperIp = string.Join('.', frame.Slice(28, 4).ToArray());
            Inject(Frames.Arp(operation: 2, senderMac: mac, senderIp: IpText(target), targetMac: sweeperMac, targetIp: sweeperIp, ethernetDestination: sweeperMac), ReplyDelay);
        }
        return true;
    }

    public bool WaitForFrame(TimeSpan timeout)
    {
        long deadline = _clock.GetTimestamp() + Math.Max(0, timeout.Ticks);
        if (_pending.TryPeek(out _, out long due) && due <= deadline)
        {
            _clock.Advance(TimeSpan.FromTicks(Math.Max(0, due - _clock.GetTimestamp())));
            return true;
        }
        _clock.Advance(TimeSpan.FromTicks(deadline - _clock.GetTimestamp()));
        return false;
    }

    public int TryReceive(Span<byte> buffer)
    {
        if (!_pending.TryPeek(out byte[]? frame, out long due) || due > _clock.GetTimestamp())
        {
            return -1;
        }
        _pending.Dequeue();
        frame.AsSpan(0, Math.Min(frame.Length, buffer.Length)).CopyTo(buffer);
        return frame.Length;
    }

    public static uint IpValue(string ip) => BinaryPrimitives.ReadUInt32BigEndian(Frames.Ip(ip));

    public static string IpText(uint ip) => $"{ip >> 24}.{(ip >> 16) & 0xFF}.{(ip >> 8) & 0xFF}.{ip & 0xFF}";
}
