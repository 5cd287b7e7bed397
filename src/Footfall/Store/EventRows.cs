using Footfall.Presence;
using Microsoft.Data.Sqlite;

namespace Footfall.Store;

/// <summary>Reads a <see cref="PresenceEvent"/> back from a query that joins the events table as "e".</summary>
internal static class EventRows
{
    /// <summary>The columns, in the order <see cref="Read"/> expects them.</summary>
    public const string Columns = "e.kind, e.at, e.person, e.mac, e.ip, e.stayed_ms, e.announce";

    public static PresenceEvent Read(SqliteDataReader reader, int first) => new(
        StoredNames.ParseEventKind(reader.GetString(first)),
        Sql.Time(reader, first + 1),
        Sql.NullableString(reader, first + 2),
        Sql.NullableMac(reader, first + 3),
        Sql.NullableIp(reader, first + 4),
        Sql.NullableInt64(reader, first + 5) is { } stayed ? TimeSpan.FromMilliseconds(stayed) : null,
        reader.GetInt64(first + 6) != 0);
}
