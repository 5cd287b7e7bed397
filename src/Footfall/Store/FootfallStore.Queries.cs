using Footfall.Net;
using Footfall.Presence;
using Footfall.Runtime;
using Microsoft.Data.Sqlite;

namespace Footfall.Store;

public sealed partial class FootfallStore
{
    /// <summary>Every configured person, those who are in first, then in configuration order.</summary>
    public IReadOnlyList<WhoRow> Who() => Locked("read who is in", () =>
    {
        using SqliteCommand command = Sql.Command(_connection, null, """
            SELECT p.name, p.pronoun, coalesce(s.is_in, 0), s.since, s.last_seen,
                   (SELECT count(*) FROM person_devices d WHERE d.person = p.name)
            FROM people p LEFT JOIN presence s ON s.person = p.name
            ORDER BY coalesce(s.is_in, 0) DESC, p.position
            """);
        using SqliteDataReader reader = command.ExecuteReader();
        var rows = new List<WhoRow>();
        while (reader.Read())
        {
            rows.Add(new WhoRow(
                reader.GetString(0),
                Sql.NullableString(reader, 1),
                reader.GetInt64(2) != 0,
                Sql.NullableTime(reader, 3),
                Sql.NullableTime(reader, 4),
                reader.GetInt32(5)));
        }
        return rows;
    });

    /// <summary>
    /// The latest <paramref name="limit"/> events (at or after <paramref name="since"/>, if given), oldest first,
    /// each with what became of its announcement.
    /// </summary>
    public IReadOnlyList<LogRow> Log(int limit, DateTimeOffset? since = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return Locked("read the event history", () =>
        {
            using SqliteCommand command = Sql.Command(_connection, null, $"""
                SELECT * FROM (
                    SELECT e.id, o.state, o.detail, o.updated_at, {EventRows.Columns},
                        p.state, p.detail, p.updated_at, p.x_id, p.attempts, p.next_try_at, p.deleted_at
                    FROM events e LEFT JOIN outbox o ON o.event_id = e.id AND o.destination = 'announce' LEFT JOIN posts p ON p.id = o.post_id
                    WHERE $since IS NULL OR e.at >= $since
                    ORDER BY e.at DESC, e.id DESC LIMIT $limit)
                ORDER BY at, id
                """);
            Sql.Set(command, "$since", Sql.Milliseconds(since));
            Sql.Set(command, "$limit", limit);
            using SqliteDataReader reader = command.ExecuteReader();
            var rows = new List<LogRow>();
            while (reader.Read())
            {
                PresenceEvent e = EventRows.Read(reader, 4);
                LogRow row = reader.IsDBNull(11)
                    ? new LogRow(
                        reader.GetInt64(0),
                        e,
                        reader.IsDBNull(1) ? null : StoredNames.ParseOutboxState(reader.GetString(1)),
                        Sql.NullableString(reader, 2),
                        Sql.NullableTime(reader, 3))
                    : PostLog.Row(reader.GetInt64(0), e, reader, 11);
                rows.Add(row);
            }
            return rows;
        });
    }

    /// <summary>Devices seen (retention decides how long ago), most recently seen first.</summary>
    public IReadOnlyList<DeviceRow> Devices() => Locked("read the devices seen", () =>
    {
        using SqliteCommand command = Sql.Command(_connection, null,
            """
            SELECT mac, last_ip, first_seen, last_seen, person, dhcp_hostname, dhcp_client_id, by_hostname, probably_of, conflict_with
            FROM devices ORDER BY last_seen DESC, mac
            """);
        using SqliteDataReader reader = command.ExecuteReader();
        var rows = new List<DeviceRow>();
        while (reader.Read())
        {
            string? hostname = Sql.NullableString(reader, 5), clientId = Sql.NullableString(reader, 6);
            rows.Add(new DeviceRow(Sql.Mac(reader, 0), Sql.Ip(reader, 1), Sql.Time(reader, 2), Sql.Time(reader, 3), Sql.NullableString(reader, 4))
            {
                Dhcp = hostname is null && clientId is null ? null : new DhcpIdentity(hostname, clientId),
                ByHostname = reader.GetInt64(7) != 0,
                ProbablyOf = Sql.NullableString(reader, 8),
                ConflictWith = Sql.NullableMac(reader, 9),
            });
        }
        return rows;
    });
}
