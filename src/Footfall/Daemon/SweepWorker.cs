using Footfall.Capture;
using Footfall.Net;
using Footfall.Net.Linux;
using Footfall.Presence;
using Footfall.Runtime;
using Footfall.Sweep;

namespace Footfall.Daemon;

/// <summary>
/// Sweeps the LAN every interval and listens in between, passing every sighting to the tracker
/// without waiting for the next sweep; sends the tracker's departure checks step by step as the
/// <see cref="DeparturePlan"/> says (unicast ARP, an mDNS wake, unicast ARP again). Runs on its own
/// thread: the socket is waited on with poll(), until the next sweep or the next probe step is due, or
/// until the tracker posts a check or the daemon stops (both ring <see cref="Mailboxes.SweeperWake"/>),
/// so that an idle sweeper wakes for the wire and for nothing else.
/// </summary>
public sealed class SweepWorker : IWorker
{
    public const string ProgressName = "sweep";

    private readonly Func<InterfaceInfo> _link;
    private readonly SweepTargets _targets;
    private readonly SweepOptions _options;
    private readonly TimeSpan _interval;
    private readonly Mailboxes _mailboxes;
    private readonly Health _health;
    private readonly TimeProvider _time;
    private readonly Log _log;

    /// <summary>Where every frame received is recorded (footfall run --capture), or null.</summary>
    public CaptureRecorder? Recorder { get; init; }

    /// <summary>How each departure check is sent (presence.checkRequests and the rest).</summary>
    public DeparturePlan Departure { get; init; } = new();
    private bool _reportedFirstSweep;

    public SweepWorker(SweepPlan plan, Mailboxes mailboxes, Health health, Log log, TimeProvider time)
    {
        _log = log;
        _link = plan.Link;
        _targets = plan.Targets;
        _options = plan.Options;
        _interval = plan.Interval;
        _mailboxes = mailboxes;
        _health = health;
        _time = time;
    }

    public string Name => "sweeper";

    public Task RunAsync(CancellationToken stopping) =>
        Task.Factory.StartNew(() => Run(stopping), stopping, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stopping)
    {
        {
            InterfaceInfo link = _link();
            _health.SetProblem(HealthAreas.Network, link.IsUp && link.Address is not null ? null
                : $"{link.Name} is {(link.IsUp ? "up but has no IPv4 address" : "down")}");
            SweepTargets targets = _targets;
            WireWake wake = _mailboxes.SweeperWake;
            using PcapLink socket = PcapLink.Open(link, Recorder, wake);
            using CancellationTokenRegistration onStop = stopping.Register(wake.Ring);
            var checks = _mailboxes.Checks.Reader;
            Func<bool> checkPosted = () => checks.TryPeek(out _);
            var sweeper = new Sweeper(socket, link.Mac, link.Address ?? Ipv4Address.Any, _time, new ToTracker(_mailboxes));
            var results = new SweepResults();
            IReadOnlyList<DepartureStep> steps = Departure.Steps();
            var probes = new List<(DepartureCheck Check, int Sent, long Started)>();
            while (!stopping.IsCancellationRequested)
            {
                long started = _time.GetTimestamp();
                sweeper.Sweep(targets, _options, results, stopping);
                if (stopping.IsCancellationRequested)
                {
                    break;
                }
                _health.ReportProgress(ProgressName);
                _mailboxes.Tracker.Writer.TryWrite(new TrackerInput(default, SweepCompleted: true));
                if (!_reportedFirstSweep)
                {
                    _log.Info($"first sweep done: {results.Found} of {targets.Count} addresses answered in {results.Elapsed.TotalMilliseconds:0} ms");
                    _reportedFirstSweep = true;
                }
                while (!stopping.IsCancellationRequested && _time.GetElapsedTime(started) < _interval)
                {
                    TimeSpan nextProbe = SendDueProbes(sweeper, steps, probes);
                    TimeSpan left = _interval - _time.GetElapsedTime(started);
                    sweeper.Listen(left < nextProbe ? left : nextProbe, cancellation: stopping, until: checkPosted);
                }
            }
        }
    }

    /// <summary>Sends the probe steps that are due; returns how long until the next one is (MaxValue: none waits).</summary>
    private TimeSpan SendDueProbes(Sweeper sweeper, IReadOnlyList<DepartureStep> steps, List<(DepartureCheck Check, int Sent, long Started)> probes)
    {
        TimeSpan next = TimeSpan.MaxValue;
        long now = _time.GetTimestamp();
        while (_mailboxes.Checks.Reader.TryRead(out DepartureCheck check))
        {
            probes.Add((check, 0, now));
        }
        for (int i = probes.Count - 1; i >= 0; i--)
        {
            (DepartureCheck check, int sent, long started) = probes[i];
            TimeSpan elapsed = _time.GetElapsedTime(started, now);
            while (sent < steps.Count && steps[sent].At <= elapsed)
            {
                _ = steps[sent].Probe == DepartureProbe.Wake
                    ? sweeper.SendWake(check.Ip, check.Mac)
                    : sweeper.SendUnicastRequest(check.Ip, check.Mac);
                sent++;
            }
            if (sent >= steps.Count)
            {
                probes.RemoveAt(i);
            }
            else
            {
                probes[i] = (check, sent, started);
                TimeSpan until = steps[sent].At - elapsed;
                next = until < next ? until : next;
            }
        }
        return next;
    }

    /// <summary>Hands sightings to the tracker's mailbox from inside the receive loop.</summary>
    private sealed class ToTracker(Mailboxes mailboxes) : ISightingSink
    {
        public void OnSighting(in Sighting sighting) => mailboxes.Tracker.Writer.TryWrite(new TrackerInput(sighting, SweepCompleted: false));
    }
}
