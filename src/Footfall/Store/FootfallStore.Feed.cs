using Footfall.Feed;
using Microsoft.Data.Sqlite;

namespace Footfall.Store;

public sealed partial class FootfallStore
{
    /// <summary>
    /// Events written after the event <paramref name="afterId"/> (0: from the first), at most <paramref name="max"/>,
    /// in the order they were written: what a feed that follows the store has not seen yet.
    /// </summary>
    public IReadOnlyList<FeedEvent> EventsAfter(long afterId, int max)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        return Locked("read new events", () =>
        {
            using SqliteCommand command = Sql.Command(_connection, null, $"""
                SELECT e.id, {EventRows.Columns} FROM events e WHERE e.id > $after ORDER BY e.id LIMIT $max
                """);
            Sql.Set(command, "$after", afterId);
            Sql.Set(command, "$max", max);
            using SqliteDataReader reader = command.ExecuteReader();
            var events = new List<FeedEvent>();
            while (reader.Read())
            {
                events.Add(new FeedEvent(reader.GetInt64(0), EventRows.Read(reader, 1)));
            }
            return events;
        });
    }
}
