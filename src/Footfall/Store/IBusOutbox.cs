namespace Footfall.Store;

/// <summary>A bus's view of the store: its own outbox rows to deliver in order, and who is in.</summary>
public interface IBusOutbox
{
    /// <summary>Up to <paramref name="max"/> events still to deliver to <paramref name="destination"/>, oldest first.</summary>
    IReadOnlyList<BusItem> PendingBus(OutboxDestination destination, int max);

    /// <summary>Records what became of one row; false when it was no longer pending.</summary>
    bool MarkOutbox(long id, OutboxState state, string? detail);

    /// <summary>Every configured person: in or out, since when, last seen.</summary>
    IReadOnlyList<WhoRow> Who();

    /// <summary>Devices seen recently, for each person's device count.</summary>
    IReadOnlyList<DeviceRow> Devices();
}
