using Microsoft.Data.Sqlite;

namespace Footfall.Store;

public sealed partial class FootfallStore
{
    /// <summary>
    /// A bus's oldest pending outbox rows, oldest first, each with what the announcer made of the same event:
    /// its row's state and, once composed, the post's text (a bus that repeats announcements says the same words),
    /// and whether this bus already delivered that post for another of its events (a post is said once, even
    /// across a restart).
    /// </summary>
    public IReadOnlyList<BusItem> PendingBus(OutboxDestination destination, int max)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        return Locked("read the outbox", () =>
        {
            using SqliteCommand command = Sql.Command(_connection, null, $"""
                SELECT b.id, nullif(a.state, 'posted'), a.post_id, p.text,
                    EXISTS (SELECT 1 FROM outbox a2 JOIN outbox b2 ON b2.event_id = a2.event_id
                            WHERE a2.post_id = a.post_id AND a2.destination = 'announce'
                              AND b2.destination = b.destination AND b2.state = 'delivered'),
                    {EventRows.Columns}
                FROM outbox b JOIN events e ON e.id = b.event_id
                    LEFT JOIN outbox a ON a.event_id = b.event_id AND a.destination = 'announce'
                    LEFT JOIN posts p ON p.id = a.post_id
                WHERE b.state = 'pending' AND b.destination = $destination ORDER BY b.id LIMIT $max
                """);
            Sql.Set(command, "$destination", destination.Name);
            Sql.Set(command, "$max", max);
            using SqliteDataReader reader = command.ExecuteReader();
            var items = new List<BusItem>();
            while (reader.Read())
            {
                items.Add(new BusItem(
                    reader.GetInt64(0),
                    EventRows.Read(reader, 5),
                    reader.IsDBNull(1) ? null : StoredNames.ParseOutboxState(reader.GetString(1)),
                    reader.IsDBNull(2) ? null : reader.GetInt64(2),
                    Sql.NullableString(reader, 3))
                {
                    PostAlreadyDelivered = reader.GetInt64(4) != 0,
                });
            }
            return items;
        });
    }
}
