using Microsoft.Data.Sqlite;

namespace Footfall.Store;

public sealed partial class FootfallStore
{
    /// <summary>Visitors' phones are none of our business: unknown devices are forgotten after a day by default.</summary>
    public static readonly TimeSpan DefaultUnknownDeviceRetention = TimeSpan.FromHours(24);

    /// <summary>Sessions and events are kept for a year by default: enough for "when was Alice last in".</summary>
    public static readonly TimeSpan DefaultHistoryRetention = TimeSpan.FromDays(365);

    /// <summary>
    /// Forgets what is older than the retention allows, measured from the store's clock: unknown devices and the
    /// events that name them after <paramref name="unknownDevices"/>; everything else (events with their outbox
    /// rows and then their posts, closed sessions, known devices, the Pi's ended episodes) after <paramref name="history"/>. Freed pages go back to the file
    /// system, so the file stays bounded. Meant to run every hour or so; it is cheap when there is nothing to do.
    /// </summary>
    public RetentionReport ApplyRetention(TimeSpan unknownDevices, TimeSpan history)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(unknownDevices, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(history, TimeSpan.Zero);
        DateTimeOffset now = _time.GetUtcNow();
        long unknownCutoff = UnixTime.ToMilliseconds(now - unknownDevices);
        long historyCutoff = UnixTime.ToMilliseconds(now - history);
        RetentionReport report = Write("apply retention", transaction =>
        {
            int devices = Delete(transaction, """
                DELETE FROM devices WHERE (person IS NULL AND last_seen < $unknown) OR last_seen < $history
                """, unknownCutoff, historyCutoff);
            // Outbox rows go with their events (ON DELETE CASCADE).
            int events = Delete(transaction, """
                DELETE FROM events WHERE (kind = 'unknown_device_seen' AND at < $unknown) OR at < $history
                """, unknownCutoff, historyCutoff);
            // A post goes once no event points at it any more, unless it still has to be sent or deleted on X.
            Delete(transaction, """
                DELETE FROM posts WHERE state != 'pending' AND delete_at IS NULL
                    AND NOT EXISTS (SELECT 1 FROM outbox WHERE outbox.post_id = posts.id)
                """, unknownCutoff, historyCutoff);
            int sessions = Delete(transaction,
                "DELETE FROM sessions WHERE left_at IS NOT NULL AND left_at < $history", unknownCutoff, historyCutoff);
            int piEpisodes = Delete(transaction,
                "DELETE FROM pi_episodes WHERE ended_at IS NOT NULL AND ended_at < $history", unknownCutoff, historyCutoff);
            return new RetentionReport(devices, events, sessions) { PiEpisodes = piEpisodes };
        });
        if (report.Total > 0)
        {
            Locked("release free space", () =>
            {
                Sql.Execute(_connection, null, "PRAGMA incremental_vacuum");
                return 0;
            });
        }
        return report;
    }

    private int Delete(SqliteTransaction transaction, string text, long unknownCutoff, long historyCutoff)
    {
        using SqliteCommand command = Sql.Command(_connection, transaction, text);
        Sql.Set(command, "$unknown", unknownCutoff);
        Sql.Set(command, "$history", historyCutoff);
        return command.ExecuteNonQuery();
    }
}
