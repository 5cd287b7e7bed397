using Footfall.Presence;
using Microsoft.Data.Sqlite;

namespace Footfall.Store;

public sealed partial class FootfallStore
{
    /// <summary>
    /// Who gets an outbox row for each event: the announcer (X or the console) always, and the buses the
    /// daemon runs. Set before the first commit.
    /// </summary>
    public IReadOnlyList<OutboxDestination> Destinations { get; set; } = [OutboxDestination.Announce];

    /// <summary>The oldest announcements still to be made, at most <paramref name="max"/>, oldest first.</summary>
    public IReadOnlyList<OutboxItem> PendingOutbox(int max)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        return Locked("read the outbox", () =>
        {
            using SqliteCommand command = Sql.Command(_connection, null, $"""
                SELECT o.id, o.event_id, o.created_at, o.state, o.detail, {EventRows.Columns}
                FROM outbox o JOIN events e ON e.id = o.event_id
                WHERE o.state = 'pending' AND o.destination = 'announce' ORDER BY o.id LIMIT $max
                """);
            Sql.Set(command, "$max", max);
            using SqliteDataReader reader = command.ExecuteReader();
            var items = new List<OutboxItem>();
            while (reader.Read())
            {
                items.Add(new OutboxItem(
                    reader.GetInt64(0),
                    reader.GetInt64(1),
                    EventRows.Read(reader, 5),
                    Sql.Time(reader, 2),
                    StoredNames.ParseOutboxState(reader.GetString(3)),
                    Sql.NullableString(reader, 4)));
            }
            return items;
        });
    }

    /// <summary>
    /// Records what became of an announcement (the detail says where it went, or why it failed). Returns false
    /// if the item is gone, which retention does to items of events past the history's age.
    /// </summary>
    public bool MarkOutbox(long id, OutboxState state, string? detail)
    {
        long now = UnixTime.ToMilliseconds(_time.GetUtcNow());
        return Write("update the outbox", transaction =>
        {
            using SqliteCommand command = Sql.Command(_connection, transaction,
                "UPDATE outbox SET state = $state, detail = $detail, updated_at = $now WHERE id = $id");
            Sql.Set(command, "$state", StoredNames.Of(state));
            Sql.Set(command, "$detail", detail);
            Sql.Set(command, "$now", now);
            Sql.Set(command, "$id", id);
            return command.ExecuteNonQuery() == 1;
        });
    }

    /// <summary>
    /// Puts the dropped announcement of a person's arrival or departure at <paramref name="at"/> back to be composed
    /// (the building had left it to an appliance that then died owing it); true when there was one.
    /// </summary>
    public bool Reopen(string person, PresenceEventKind kind, DateTimeOffset at)
    {
        long now = UnixTime.ToMilliseconds(_time.GetUtcNow());
        return Write("reopen an announcement", transaction =>
        {
            using SqliteCommand command = Sql.Command(_connection, transaction, """
                UPDATE outbox SET state = 'pending', detail = NULL, updated_at = $now
                WHERE state = 'dropped' AND destination = 'announce'
                  AND event_id IN (SELECT id FROM events WHERE person = $person AND kind = $kind AND at = $at)
                """);
            Sql.Set(command, "$now", now);
            Sql.Set(command, "$person", person);
            Sql.Set(command, "$kind", StoredNames.Of(kind));
            Sql.Set(command, "$at", UnixTime.ToMilliseconds(at));
            return command.ExecuteNonQuery() > 0;
        });
    }
}
