using System.Threading.Channels;
using Footfall.Capture;
using Footfall.Presence;
using Footfall.Runtime;
using Footfall.Sweep;

namespace Footfall.Daemon;

/// <summary>What the sweeper tells the tracker: a sighting, or that a sweep has completed.</summary>
public readonly record struct TrackerInput(Sighting Sighting, bool SweepCompleted);

/// <summary>What the tracker asks the store to keep.</summary>
public sealed record StoreWork(
    IReadOnlyList<PresenceEvent> Events,
    IReadOnlyList<PersonPresence> Presence,
    IReadOnlyList<DeviceSeen> Devices);

/// <summary>
/// The bounded channels between the workers. They belong to the daemon, not to a worker, so that a
/// restarted worker picks up what its predecessor left.
/// </summary>
public sealed class Mailboxes
{
    /// <summary>Sightings may be dropped under a flood (the oldest first: a newer one says the same and more).</summary>
    public Channel<TrackerInput> Tracker { get; } = Channel.CreateBounded<TrackerInput>(
        new BoundedChannelOptions(8192) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    public Channel<DepartureCheck> Checks { get; } = Channel.CreateBounded<DepartureCheck>(
        new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    /// <summary>Events are never dropped: a full store mailbox makes the tracker wait.</summary>
    public Channel<StoreWork> Store { get; } = Channel.CreateBounded<StoreWork>(
        new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    private readonly Lock _gate = new();
    private WireWake? _sweeperWake;

    /// <summary>
    /// Rung after a departure check is posted to <see cref="Checks"/>: the sweeper waits on the wire for
    /// whole seconds and must send the check now. Made on first use (tests that never sweep open no eventfd).
    /// </summary>
    public WireWake SweeperWake
    {
        get
        {
            lock (_gate)
            {
                return _sweeperWake ??= new WireWake();
            }
        }
    }

    /// <summary>Who is in, for the LEDs.</summary>
    public PresenceBoard Presence { get; } = new();

    /// <summary>For the buses: the store committed events or presence.</summary>
    public Doorbell Bus { get; } = new();
    /// <summary>Each batch of events once the store has kept it, for the status page.</summary>
    public Broadcast<IReadOnlyList<PresenceEvent>> Committed { get; } = new();

    /// <summary>A doorbell: something new is in the outbox.</summary>
    public Channel<bool> OutboxChanged { get; } = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
}
