using Footfall.PiHealth;
using Footfall.Presence;

namespace Footfall.Store;

/// <summary>
/// The words enums are stored as. Text, not numbers, so the database reads plainly in the sqlite3 shell and
/// reordering an enum cannot change what old rows mean. The same words appear in the CLI's JSON.
/// </summary>
public static class StoredNames
{
    public static string Of(PresenceEventKind kind) => kind switch
    {
        PresenceEventKind.Arrived => "arrived",
        PresenceEventKind.Left => "left",
        PresenceEventKind.UnknownDeviceSeen => "unknown_device_seen",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string Of(OutboxState state) => state switch
    {
        OutboxState.Pending => "pending",
        OutboxState.Delivered => "delivered",
        OutboxState.Failed => "failed",
        OutboxState.Dropped => "dropped",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static string Of(PiEpisodeKind kind) => kind switch
    {
        PiEpisodeKind.UnderVoltage => "under_voltage",
        PiEpisodeKind.Overheating => "overheating",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static PiEpisodeKind ParsePiEpisodeKind(string text) => text switch
    {
        "under_voltage" => PiEpisodeKind.UnderVoltage,
        "overheating" => PiEpisodeKind.Overheating,
        _ => throw new StoreException($"The database holds a Pi episode of kind '{text}', which this footfall does not know."),
    };

    public static PresenceEventKind ParseEventKind(string text) => text switch
    {
        "arrived" => PresenceEventKind.Arrived,
        "left" => PresenceEventKind.Left,
        "unknown_device_seen" => PresenceEventKind.UnknownDeviceSeen,
        _ => throw new StoreException($"The database holds an event of kind '{text}', which this footfall does not know."),
    };

    public static OutboxState ParseOutboxState(string text) => text switch
    {
        "pending" => OutboxState.Pending,
        "delivered" => OutboxState.Delivered,
        "failed" => OutboxState.Failed,
        "dropped" => OutboxState.Dropped,
        _ => throw new StoreException($"The database holds an outbox state '{text}', which this footfall does not know."),
    };
}
