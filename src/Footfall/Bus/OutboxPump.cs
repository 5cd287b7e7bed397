using Footfall.Runtime;
using Footfall.Store;

namespace Footfall.Bus;

/// <summary>What a bus did with one outbox row: delivered or dropped (with the log's words), or not yet.</summary>
public readonly record struct Delivery(OutboxState? State, string Detail)
{
    /// <summary>Stop here and leave this row and the rest pending for a later round (ZenIRCBot waits for a post's words).</summary>
    public static readonly Delivery Wait = new(null, "");

    public static Delivery Delivered(string detail) => new(OutboxState.Delivered, detail);

    public static Delivery Dropped(string detail) => new(OutboxState.Dropped, detail);
}

/// <summary>
/// The loop both buses share: a round of work whenever the daemon rings (an event committed, the broker
/// back) or every few seconds, and a drain of the bus's own outbox rows in order, batch after batch, each
/// marked once the bus has done with it. A row is marked only after its delivery: a crash in between says
/// it again rather than lose it.
/// </summary>
public sealed class OutboxPump(IBusOutbox outbox, OutboxDestination destination, Doorbell doorbell, TimeProvider time)
{
    private static readonly TimeSpan s_pollEvery = TimeSpan.FromSeconds(5);
    private const int Batch = 100;

    /// <summary>Asks for a round now (Home Assistant came back, Redis is reachable again).</summary>
    public void Ring() => doorbell.Ring();

    /// <summary>
    /// Runs <paramref name="round"/> until stopped. A round that returns true waits for the next ring (or the
    /// poll); one that returns false goes again at once (it already paused, e.g. for a backoff).
    /// </summary>
    public async Task RunAsync(Func<CancellationToken, Task<bool>> round, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            // Taken before the round looks: a ring while it works is not lost.
            Task rung = doorbell.Next;
            if (await round(stopping).ConfigureAwait(false))
            {
                await Doorbell.WaitAsync(rung, s_pollEvery, time, stopping).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Hands each pending row to <paramref name="deliver"/> in order and records what became of it.</summary>
    public async Task DrainAsync(Func<BusItem, Task<Delivery>> deliver)
    {
        IReadOnlyList<BusItem> batch;
        do
        {
            batch = outbox.PendingBus(destination, Batch);
            foreach (BusItem item in batch)
            {
                Delivery done = await deliver(item).ConfigureAwait(false);
                if (done.State is not { } state)
                {
                    return;
                }
                outbox.MarkOutbox(item.Id, state, done.Detail);
            }
        }
        // A backlog (the broker was away for a day) goes out batch after batch, not one batch per round.
        while (batch.Count == Batch);
    }
}
