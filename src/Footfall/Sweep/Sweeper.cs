using Footfall.Net;

namespace Footfall.Sweep;

/// <summary>
/// Runs ARP sweeps over one link: a paced pass of broadcast who-has requests to every target, a short
/// wait, then passes for the targets that stayed silent. Every ARP frame received meanwhile — replies
/// to us, replies to others, gratuitous announcements, probes — is a sighting of its sender, so that
/// late and unsolicited frames are never thrown away; so are DHCP requests (of their client, with its
/// hostname) and IPv6 neighbour discovery (of its sender). The receive path allocates nothing.
/// </summary>
public sealed class Sweeper
{
    // Room for any legal frame (1514) plus one byte so that an oversized frame shows up as such.
    private const int ReceiveBufferLength = ArpFrame.MaximumLength + 1;

    // Even when requests are due sooner, wait at least this long between bursts: poll() counts
    // milliseconds, and each wait is a wakeup of the daemon (and of the tracker, for the replies it
    // drains), so the requests due meanwhile go out together: at the default 5000 a second, bursts of
    // 20 every 4 ms (a 1 ms wait made about 100 wakeups a sweep). The rate and a pass's length stay.
    private static readonly TimeSpan s_minimumWait = TimeSpan.FromMilliseconds(4);

    private readonly IArpLink _link;
    private readonly MacAddress _ourMac;
    private readonly Ipv4Address _ourIp;
    private readonly TimeProvider _time;
    private readonly ISightingSink? _sink;
    private readonly byte[] _sendBuffer = new byte[MdnsWakeFrame.MaximumLength];
    private readonly byte[] _receiveBuffer = new byte[ReceiveBufferLength];
    private readonly SightingReader _reader;
    private SweepTargets? _targets;
    private SweepResults? _results;

    public Sweeper(IArpLink link, MacAddress ourMac, Ipv4Address ourIp, TimeProvider time, ISightingSink? sink = null)
    {
        _link = link;
        _ourMac = ourMac;
        _ourIp = ourIp;
        _time = time;
        _sink = sink;
        _reader = new SightingReader(ourMac);
    }

    /// <summary>Frames that were none of ARP, a DHCP request or IPv6 neighbour discovery, or were malformed, since the sweeper was made.</summary>
    public long FramesRefused { get; private set; }

    /// <summary>Runs one sweep of <paramref name="targets"/>, filling <paramref name="results"/> (which is reset first).</summary>
    public void Sweep(SweepTargets targets, SweepOptions options, SweepResults results, CancellationToken cancellation = default)
    {
        results.Reset(targets);
        _targets = targets;
        _results = results;
        long started = _time.GetTimestamp();
        try
        {
            for (int pass = 0; pass <= options.Retries && !results.AllFound; pass++)
            {
                int foundBefore = results.Found;
                SendPass(targets, options.RatePerSecond, results, cancellation);
                // The first retry tells whether the network loses replies: if it finds nobody new,
                // the silent addresses are empty and further passes would only add broadcast noise.
                bool last = pass == options.Retries || (pass == 1 && results.Found == foundBefore);
                Listen(last ? options.FinalWait : options.RetryWait, stopWhenAllFound: true, cancellation);
                if (last)
                {
                    break;
                }
            }
        }
        finally
        {
            results.Elapsed = _time.GetElapsedTime(started);
            _targets = null;
            _results = null;
        }
    }

    /// <summary>
    /// Receives for <paramref name="duration"/> (between sweeps, in the daemon), reporting sightings
    /// to the sink. Also used for the reply window of a sweep. Returns early once <paramref name="until"/>
    /// says so: it is asked after every wait, so a link woken from another thread ends the listen at once.
    /// </summary>
    public void Listen(TimeSpan duration, bool stopWhenAllFound = false, CancellationToken cancellation = default, Func<bool>? until = null)
    {
        long deadline = _time.GetTimestamp() + (long)(duration.TotalSeconds * _time.TimestampFrequency);
        while (!cancellation.IsCancellationRequested)
        {
            long now = _time.GetTimestamp();
            if (now >= deadline || (stopWhenAllFound && _results is { AllFound: true }) || (until?.Invoke() ?? false))
            {
                return;
            }
            if (_link.WaitForFrame(TimeSpan.FromSeconds((double)(deadline - now) / _time.TimestampFrequency)))
            {
                Drain();
            }
        }
    }

    /// <summary>Sends a unicast who-has to a known device: sleeping phones answer these when they ignore broadcasts.</summary>
    public bool SendUnicastRequest(Ipv4Address target, MacAddress destination)
    {
        int length = ArpFrame.Request(_ourMac, _ourIp, target, destination).WriteTo(_sendBuffer);
        return _link.TrySend(_sendBuffer.AsSpan(0, length));
    }

    /// <summary>Sends a unicast mDNS query to a known device's port 5353: what wakes a sleeping iPhone.</summary>
    public bool SendWake(Ipv4Address target, MacAddress destination)
    {
        int length = MdnsWakeFrame.Write(_sendBuffer, _ourMac, _ourIp, destination, target);
        return _link.TrySend(_sendBuffer.AsSpan(0, length));
    }

    private void SendPass(SweepTargets targets, int rate, SweepResults results, CancellationToken cancellation)
    {
        var pacer = new Pacer(_time.GetTimestamp(), rate, _time.TimestampFrequency);
        long sentThisPass = 0;
        int cursor = 0;
        while (!cancellation.IsCancellationRequested)
        {
            while (cursor < targets.Count && results.IsFound(cursor))
            {
                cursor++;
            }
            if (cursor >= targets.Count)
            {
                return;
            }
            long now = _time.GetTimestamp();
            if (sentThisPass < pacer.DueBy(now))
            {
                int length = ArpFrame.Request(_ourMac, _ourIp, targets[cursor], MacAddress.Broadcast).WriteTo(_sendBuffer);
                if (_link.TrySend(_sendBuffer.AsSpan(0, length)))
                {
                    sentThisPass++;
                    results.RequestsSent++;
                    cursor++;
                    continue;
                }
                // The kernel's queue is full: let it drain while we read replies.
            }
            long next = pacer.DueAt(sentThisPass);
            TimeSpan wait = TimeSpan.FromSeconds((double)Math.Max(0, next - now) / _time.TimestampFrequency);
            if (_link.WaitForFrame(wait < s_minimumWait ? s_minimumWait : wait))
            {
                Drain();
            }
        }
    }

    /// <summary>Reads every waiting frame. This is the hot path: spans, structs, no allocation.</summary>
    private void Drain()
    {
        while (true)
        {
            int length = _link.TryReceive(_receiveBuffer);
            if (length < 0)
            {
                return;
            }
            Handle(_receiveBuffer.AsSpan(0, Math.Min(length, _receiveBuffer.Length)), length);
        }
    }

    internal void Handle(ReadOnlySpan<byte> frame, int realLength)
    {
        // A frame longer than our buffer arrived truncated: refuse it rather than parse a prefix.
        Sighting sighting = default;
        FrameVerdict verdict = realLength == frame.Length ? _reader.Read(frame, _time.GetTimestamp(), out sighting) : FrameVerdict.Refused;
        if (verdict == FrameVerdict.Refused)
        {
            FramesRefused++;
            return;
        }
        if (verdict == FrameVerdict.Seen)
        {
            _sink?.OnSighting(sighting);
            if (sighting.ClaimsIp && _results is { } results && _targets!.TryIndexOf(sighting.Ip, out int index))
            {
                results.Record(index, sighting.Mac);
            }
        }
    }
}
