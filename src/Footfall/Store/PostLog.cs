using Footfall.Presence;
using Footfall.Text;
using Microsoft.Data.Sqlite;

namespace Footfall.Store;

/// <summary>An event's announcement as `footfall log` tells it when the event went into a post (on X, or printed by the console announcer).</summary>
public static class PostLog
{
    /// <summary>The detail of a post the console announcer printed (no X configured): it was never meant for X.</summary>
    public const string PrintedOnConsole = "printed on the console";

    /// <summary>The post's columns from <paramref name="first"/>: state, detail, updated_at, x_id, attempts, next_try_at, deleted_at.</summary>
    internal static LogRow Row(long id, PresenceEvent e, SqliteDataReader reader, int first)
    {
        string state = reader.GetString(first);
        string? detail = Sql.NullableString(reader, first + 1);
        DateTimeOffset updated = Sql.Time(reader, first + 2);
        string? xId = Sql.NullableString(reader, first + 3);
        long attempts = reader.GetInt64(first + 4);
        DateTimeOffset? nextTry = Sql.NullableTime(reader, first + 5);
        DateTimeOffset? deletedAt = Sql.NullableTime(reader, first + 6);
        (OutboxState shown, string words) = state switch
        {
            "delivered" when xId is null && detail == PrintedOnConsole => (OutboxState.Delivered, PrintedOnConsole),
            "delivered" when deletedAt is not null => (OutboxState.Delivered, $"posted on X{Id(xId)}, deleted since"),
            "delivered" => (OutboxState.Delivered, $"posted on X{Id(xId)}"),
            "pending" when attempts == 0 => (OutboxState.Pending, "waiting to be posted on X"),
            "pending" => (OutboxState.Pending, $"not on X yet after {attempts} {(attempts == 1 ? "try" : "tries")}, next at {ClockTime.Format(nextTry)}: {detail}"),
            "expired" => (OutboxState.Dropped, detail ?? "expired"),
            _ => (OutboxState.Failed, $"X refused it: {detail}"),
        };
        return new LogRow(id, e, shown, words, updated);
    }

    private static string Id(string? xId) => xId is null ? "" : $" as {xId}";
}
