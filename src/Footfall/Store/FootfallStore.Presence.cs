using Footfall.Presence;
using Microsoft.Data.Sqlite;

namespace Footfall.Store;

public sealed partial class FootfallStore
{
    /// <summary>Who was in when the daemon last committed: what a restart resumes from.</summary>
    public IReadOnlyList<PersonPresence> LoadPresence() => Locked("load the presence state", () =>
    {
        using SqliteCommand command = Sql.Command(_connection, null,
            "SELECT person, is_in, since, last_seen FROM presence ORDER BY person");
        using SqliteDataReader reader = command.ExecuteReader();
        var presence = new List<PersonPresence>();
        while (reader.Read())
        {
            presence.Add(new PersonPresence(reader.GetString(0), reader.GetInt64(1) != 0, Sql.NullableTime(reader, 2), Sql.NullableTime(reader, 3)));
        }
        return presence;
    });

    /// <summary>
    /// Records what the tracker decided, in one transaction: the events are appended, each person's presence
    /// is stored, an arrival opens a session and a departure closes it, and every event to be announced gets
    /// a pending outbox row for each of the <see cref="Destinations"/> (a bus's for every event, if it wants them all), and
    /// the <paramref name="devices"/> seen are recorded as <see cref="RecordDevices"/> does: one commit, one sync of the
    /// card, where two would cost twice the writes. Returns the events' ids, in order, once the commit is durable
    /// (synchronous=FULL): a power cut after this returns loses none of it.
    /// </summary>
    public IReadOnlyList<long> Commit(IReadOnlyList<PresenceEvent> events, IReadOnlyList<PersonPresence> presence, IReadOnlyList<DeviceSeen>? devices = null) =>
        Commit(events, presence, devices ?? [], durable: true);

    /// <summary>
    /// Keeps last-seen times and the devices seen when nothing was decided (no event): one commit like
    /// <see cref="Commit(IReadOnlyList{PresenceEvent}, IReadOnlyList{PersonPresence}, IReadOnlyList{DeviceSeen}?)"/>,
    /// but not synced (see <see cref="Write"/>): a power cut may lose it, with the 30 s or so before the kernel
    /// writes it back, and never leaves it half done. The tracker does this every few minutes; syncing each time
    /// would cost the card a file-system journal commit each time.
    /// </summary>
    public void Refresh(IReadOnlyList<PersonPresence> presence, IReadOnlyList<DeviceSeen> devices) =>
        Commit([], presence, devices, durable: false);

    private IReadOnlyList<long> Commit(IReadOnlyList<PresenceEvent> events, IReadOnlyList<PersonPresence> presence, IReadOnlyList<DeviceSeen> devices, bool durable)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(presence);
        long now = UnixTime.ToMilliseconds(_time.GetUtcNow());
        return Write("record presence events", transaction =>
        {
            var ids = new long[events.Count];
            using SqliteCommand insertEvent = Sql.Command(_connection, transaction, """
                INSERT INTO events (kind, at, person, mac, ip, stayed_ms, announce)
                VALUES ($kind, $at, $person, $mac, $ip, $stayed, $announce)
                RETURNING id
                """);
            using SqliteCommand enqueue = Sql.Command(_connection, transaction, """
                INSERT INTO outbox (event_id, created_at, state, updated_at) VALUES ($event, $now, 'pending', $now)
                """);
            // The announcer's rows take the column's default, so a database made before there were buses (and
            // the tests that make one) is written the same way as ever.
            using SqliteCommand enqueueFor = Sql.Command(_connection, transaction, """
                INSERT INTO outbox (event_id, created_at, state, updated_at, destination) VALUES ($event, $now, 'pending', $now, $destination)
                """);
            // An arrival while a session is open (a restart replaying it) does not open a second one.
            using SqliteCommand openSession = Sql.Command(_connection, transaction, """
                INSERT INTO sessions (person, arrived_at)
                SELECT $person, $at WHERE NOT EXISTS (SELECT 1 FROM sessions WHERE person = $person AND left_at IS NULL)
                """);
            using SqliteCommand closeSession = Sql.Command(_connection, transaction,
                "UPDATE sessions SET left_at = max(arrived_at, $at) WHERE person = $person AND left_at IS NULL");
            for (int i = 0; i < events.Count; i++)
            {
                PresenceEvent e = events[i];
                long at = UnixTime.ToMilliseconds(e.At);
                Sql.Set(insertEvent, "$kind", StoredNames.Of(e.Kind));
                Sql.Set(insertEvent, "$at", at);
                Sql.Set(insertEvent, "$person", e.Person);
                Sql.Set(insertEvent, "$mac", Sql.Text(e.Mac));
                Sql.Set(insertEvent, "$ip", Sql.Text(e.Ip));
                Sql.Set(insertEvent, "$stayed", e.Stayed is { } stayed ? (long)stayed.TotalMilliseconds : null);
                Sql.Set(insertEvent, "$announce", e.Announce);
                ids[i] = Convert.ToInt64(insertEvent.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
                foreach (OutboxDestination destination in Destinations)
                {
                    if (e.Announce || destination.EveryEvent)
                    {
                        SqliteCommand command = destination == OutboxDestination.Announce ? enqueue : enqueueFor;
                        Sql.Set(command, "$event", ids[i]);
                        Sql.Set(command, "$now", now);
                        if (command == enqueueFor)
                        {
                            Sql.Set(command, "$destination", destination.Name);
                        }
                        command.ExecuteNonQuery();
                    }
                }
                SqliteCommand? session = (e.Kind, e.Person) switch
                {
                    (PresenceEventKind.Arrived, not null) => openSession,
                    (PresenceEventKind.Left, not null) => closeSession,
                    _ => null,
                };
                if (session is not null)
                {
                    Sql.Set(session, "$person", e.Person);
                    Sql.Set(session, "$at", at);
                    session.ExecuteNonQuery();
                }
            }
            using SqliteCommand upsert = Sql.Command(_connection, transaction, """
                INSERT INTO presence (person, is_in, since, last_seen) VALUES ($person, $in, $since, $lastSeen)
                ON CONFLICT (person) DO UPDATE SET is_in = excluded.is_in, since = excluded.since, last_seen = excluded.last_seen
                """);
            foreach (PersonPresence p in presence)
            {
                Sql.Set(upsert, "$person", p.Name);
                Sql.Set(upsert, "$in", p.IsIn);
                Sql.Set(upsert, "$since", Sql.Milliseconds(p.Since));
                Sql.Set(upsert, "$lastSeen", Sql.Milliseconds(p.LastSeen));
                upsert.ExecuteNonQuery();
            }
            UpsertDevices(transaction, devices);
            return (IReadOnlyList<long>)ids;
        }, durable);
    }
}
