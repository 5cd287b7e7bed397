using Footfall.Net;
using Footfall.Presence;
using Microsoft.Data.Sqlite;

namespace Footfall.Store;

public sealed partial class FootfallStore
{
    /// <summary>
    /// Replaces the people and their devices with those of the configuration just loaded. People no longer
    /// configured lose their presence row and have their open session closed now; devices get their owner
    /// from the new list, so a MAC added to the configuration stops counting as unknown at once.
    /// </summary>
    public void SyncPeople(IReadOnlyList<Person> people)
    {
        ArgumentNullException.ThrowIfNull(people);
        ThrowIfDuplicated(people);
        long now = UnixTime.ToMilliseconds(_time.GetUtcNow());
        Write("record the configured people", transaction =>
        {
            Sql.Execute(_connection, transaction, "DELETE FROM person_devices; DELETE FROM people");
            using SqliteCommand person = Sql.Command(_connection, transaction,
                "INSERT INTO people (name, pronoun, led, position) VALUES ($name, $pronoun, $led, $position)");
            using SqliteCommand device = Sql.Command(_connection, transaction,
                "INSERT INTO person_devices (mac, person) VALUES ($mac, $person) ON CONFLICT (mac) DO NOTHING");
            for (int i = 0; i < people.Count; i++)
            {
                Person p = people[i];
                Sql.Set(person, "$name", p.Name);
                Sql.Set(person, "$pronoun", p.Pronoun);
                Sql.Set(person, "$led", p.Led);
                Sql.Set(person, "$position", i);
                person.ExecuteNonQuery();
                foreach (MacAddress mac in p.Devices)
                {
                    Sql.Set(device, "$mac", mac.ToString());
                    Sql.Set(device, "$person", p.Name);
                    device.ExecuteNonQuery();
                }
            }
            using SqliteCommand tidy = Sql.Command(_connection, transaction, """
                DELETE FROM presence WHERE person NOT IN (SELECT name FROM people);
                UPDATE sessions SET left_at = max(arrived_at, $now) WHERE left_at IS NULL AND person NOT IN (SELECT name FROM people);
                UPDATE devices SET person = (SELECT person FROM person_devices WHERE person_devices.mac = devices.mac);
                """);
            Sql.Set(tidy, "$now", now);
            tidy.ExecuteNonQuery();
            return 0;
        });
    }

    // The configuration check rejects these with a path and a reason; this guards the tables' keys.
    private static void ThrowIfDuplicated(IReadOnlyList<Person> people)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var macs = new Dictionary<MacAddress, string>();
        foreach (Person person in people)
        {
            if (!names.Add(person.Name))
            {
                throw new ArgumentException($"'{person.Name}' is configured twice.", nameof(people));
            }
            foreach (MacAddress mac in person.Devices)
            {
                if (macs.TryGetValue(mac, out string? owner) && owner != person.Name)
                {
                    throw new ArgumentException($"Device {mac} is configured for both {owner} and {person.Name}.", nameof(people));
                }
                macs[mac] = person.Name;
            }
        }
    }
}
