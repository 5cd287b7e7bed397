using Footfall.Presence;
using Footfall.Runtime;

namespace Footfall.Daemon;

/// <summary>
/// Runs the presence tracker: feeds it sightings, ticks it when a sighting comes or when the tracker
/// says its next decision is due (<see cref="PresenceTracker.UntilNextDecision"/>: a 1 s tick would wake
/// an idle appliance every second for nothing), and hands its decisions on —
/// events to the store at once, departure checks to the sweeper, a device's new facts (a new device,
/// address, owner, DHCP identity or mark) at once, and last-seen times alone every
/// <see cref="s_persistEvery"/>: each persist rewrites the presence and device pages, and at every 30 s
/// that was 100 MB a day on an SD card; each still costs the card about 44 KB (the WAL's frames, the WAL
/// index's pages, a commit of ext4's journal for the files' new times), about 3 MB a day at 20 minutes (the emulated Pi's card: docs/benchmarks.md, "The whole card"). Events are synced to the card when they are committed; a batch
/// without events (last-seen times, device facts) is committed unsynced (<see cref="Store.FootfallStore.Refresh"/>).
/// A power cut costs last-seen times up to that old (plus the kernel's 30 s or so of write-back), nothing decided.
/// </summary>
public sealed class TrackerWorker : IWorker
{
    private static readonly TimeSpan s_persistEvery = TimeSpan.FromMinutes(20);

    private readonly Func<PresenceTracker> _createTracker;
    private readonly Mailboxes _mailboxes;
    private readonly TimeSpan _forgetUnknownAfter;
    private readonly TimeProvider _time;

    /// <param name="createTracker">Makes a tracker restored from the store: called again after a crash.</param>
    public TrackerWorker(Func<PresenceTracker> createTracker, Mailboxes mailboxes, TimeSpan forgetUnknownAfter, TimeProvider time)
    {
        _createTracker = createTracker;
        _mailboxes = mailboxes;
        _forgetUnknownAfter = forgetUnknownAfter;
        _time = time;
    }

    /// <summary>Where the tracker's notices go (a device counted by hostname, a new private address, an IP conflict).</summary>
    public Log? Log { get; init; }

    public string Name => "tracker";

    public async Task RunAsync(CancellationToken stopping)
    {
        PresenceTracker tracker = _createTracker();
        long lastPersist = _time.GetTimestamp();
        var inputs = _mailboxes.Tracker.Reader;
        try
        {
            while (true)
            {
                while (inputs.TryRead(out TrackerInput input))
                {
                    if (input.SweepCompleted)
                    {
                        tracker.OnSweepCompleted();
                    }
                    else
                    {
                        tracker.OnSighting(input.Sighting);
                    }
                }
                tracker.Tick();
                _mailboxes.Presence.Publish(tracker.Presence, tracker.FirstSweepDone);
                IReadOnlyList<DepartureCheck> checks = tracker.TakeDepartureChecks();
                foreach (DepartureCheck check in checks)
                {
                    _mailboxes.Checks.Writer.TryWrite(check);
                }
                if (checks.Count > 0)
                {
                    _mailboxes.SweeperWake.Ring();
                }
                foreach (string notice in tracker.TakeNotices())
                {
                    Log?.Info(notice);
                }

                bool last = stopping.IsCancellationRequested || inputs.Completion.IsCompleted;
                bool persist = last || tracker.HasNewDeviceFacts || _time.GetElapsedTime(lastPersist) >= s_persistEvery;
                IReadOnlyList<PresenceEvent> events = tracker.TakeEvents();
                if (events.Count > 0 || persist)
                {
                    if (persist)
                    {
                        tracker.ForgetUnknownDevicesBefore(_time.GetUtcNow() - _forgetUnknownAfter);
                        lastPersist = _time.GetTimestamp();
                    }
                    // Presence goes with its events in one commit, so state and history never disagree.
                    var work = new StoreWork(events, tracker.TakeChangedPresence(), persist ? tracker.TakeDeviceUpdates() : []);
                    await _mailboxes.Store.Writer.WriteAsync(work, CancellationToken.None).ConfigureAwait(false);
                }
                if (last)
                {
                    // Orderly stop: everything decided is with the store; it may finish now.
                    _mailboxes.Store.Writer.TryComplete();
                    return;
                }
                TimeSpan wait = s_persistEvery - _time.GetElapsedTime(lastPersist);
                if (tracker.UntilNextDecision() is { } decision && decision < wait)
                {
                    wait = decision;
                }
                await WaitForInputAsync(inputs, wait, stopping).ConfigureAwait(false);
            }
        }
        catch when (stopping.IsCancellationRequested)
        {
            _mailboxes.Store.Writer.TryComplete();
            throw;
        }
    }

    private async Task WaitForInputAsync(System.Threading.Channels.ChannelReader<TrackerInput> inputs, TimeSpan atMost, CancellationToken stopping)
    {
        using var due = new CancellationTokenSource(atMost > TimeSpan.Zero ? atMost : TimeSpan.Zero, _time);
        using var tick = CancellationTokenSource.CreateLinkedTokenSource(stopping, due.Token);
        try
        {
            await inputs.WaitToReadAsync(tick.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // A decision or the persist is due (time to tick), or we are stopping (one last round).
        }
    }
}
