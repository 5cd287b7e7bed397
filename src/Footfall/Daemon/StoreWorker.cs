using Footfall.Presence;
using Footfall.Runtime;
using Footfall.Store;

namespace Footfall.Daemon;

/// <summary>
/// Keeps what the tracker decides: each batch of events and presence in one transaction, device
/// sightings, and retention every <see cref="s_housekeepingEvery"/>. Reports a commit to health each
/// time, so a failing SD card shows up as an unhealthy daemon rather than silently lost history.
/// </summary>
public sealed class StoreWorker : IWorker
{
    public const string ProgressName = "store commit";

    private static readonly TimeSpan s_housekeepingEvery = TimeSpan.FromMinutes(1);

    private readonly FootfallStore _store;
    private readonly Mailboxes _mailboxes;
    private readonly Health _health;
    private readonly Log _log;
    private readonly TimeProvider _time;
    private readonly Config.RetentionSettings _retention;

    public StoreWorker(FootfallStore store, Config.RetentionSettings retention, Mailboxes mailboxes, Health health, Log log, TimeProvider time)
    {
        _store = store;
        _retention = retention;
        _mailboxes = mailboxes;
        _health = health;
        _log = log;
        _time = time;
    }

    public const string WorkerName = "store";

    public string Name => WorkerName;

    public async Task RunAsync(CancellationToken stopping)
    {
        var work = _mailboxes.Store.Reader;
        long lastHousekeeping = long.MinValue;
        while (true)
        {
            while (work.TryRead(out StoreWork? batch))
            {
                Keep(batch);
            }
            if (lastHousekeeping == long.MinValue || _time.GetElapsedTime(lastHousekeeping) >= s_housekeepingEvery)
            {
                _store.ApplyRetention(_retention.UnknownDevices, _retention.History);
                _health.ReportProgress(ProgressName);
                lastHousekeeping = _time.GetTimestamp();
            }
            if (work.Completion.IsCompleted)
            {
                return;
            }
            if (stopping.IsCancellationRequested)
            {
                await KeepTheTrackersLastBatchesAsync(work).ConfigureAwait(false);
                return;
            }
            using var wake = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            wake.CancelAfter(s_housekeepingEvery);
            try
            {
                await work.WaitToReadAsync(wake.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Time for housekeeping, or stopping: both handled at the top.
            }
        }
    }

    private void Keep(StoreWork batch)
    {
        if (batch.Events.Count > 0 || batch.Presence.Count > 0 || batch.Devices.Count > 0)
        {
            // Events, presence and devices in one commit: each sync of the card costs writes of its own. What
            // decides something (an event) is synced before it is announced; last-seen times and device facts
            // alone are not (a power cut may cost them, never an event).
            if (batch.Events.Count > 0)
            {
                _store.Commit(batch.Events, batch.Presence, batch.Devices);
            }
            else
            {
                _store.Refresh(batch.Presence, batch.Devices);
            }
            if (batch.Events.Count > 0)
            {
                _mailboxes.Committed.Publish(batch.Events);
            }
            foreach (PresenceEvent e in batch.Events)
            {
                _log.Info(Describe(e));
            }
            if (batch.Events.Any(e => e.Announce))
            {
                _mailboxes.OutboxChanged.Writer.TryWrite(true);
            }
            if (batch.Events.Count > 0 || batch.Presence.Count > 0)
            {
                _mailboxes.Bus.Ring();
            }
        }
        _health.ReportProgress(ProgressName);
    }

    /// <summary>
    /// On stop the tracker hands over its last batch and completes the mailbox; wait for that, but only
    /// briefly: a tracker that crashed just before will never complete it, and shutdown must stay quick.
    /// </summary>
    private async Task KeepTheTrackersLastBatchesAsync(System.Threading.Channels.ChannelReader<StoreWork> work)
    {
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        try
        {
            await foreach (StoreWork batch in work.ReadAllAsync(grace.Token).ConfigureAwait(false))
            {
                Keep(batch);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static string Describe(PresenceEvent e) => e.Kind switch
    {
        PresenceEventKind.Arrived => $"event: {e.Person} arrived ({e.Mac} at {e.Ip}){(e.Announce ? "" : ", recorded without announcing (first sweep after start)")}",
        PresenceEventKind.Left => $"event: {e.Person} left after {Text.HumanDuration.Format(TimeSpan.FromSeconds(Math.Round((e.Stayed ?? TimeSpan.Zero).TotalSeconds)))}",
        _ => $"event: unknown device {e.Mac} at {e.Ip}",
    };
}
