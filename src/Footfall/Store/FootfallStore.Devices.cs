using Footfall.Presence;
using Microsoft.Data.Sqlite;

namespace Footfall.Store;

public sealed partial class FootfallStore
{
    /// <summary>
    /// Records sightings: a new device is added, a known one keeps its first-seen time and takes the latest
    /// IP, owner and last-seen time. An older sighting arriving late does not overwrite a newer one.
    /// </summary>
    public void RecordDevices(IReadOnlyList<DeviceSeen> devices)
    {
        ArgumentNullException.ThrowIfNull(devices);
        if (devices.Count == 0)
        {
            return;
        }
        Write("record devices seen", transaction =>
        {
            using SqliteCommand upsert = Sql.Command(_connection, transaction, """
                INSERT INTO devices (mac, last_ip, first_seen, last_seen, person, locally_administered)
                VALUES ($mac, $ip, $seen, $seen, $person, $local)
                ON CONFLICT (mac) DO UPDATE SET
                    last_ip = excluded.last_ip, last_seen = excluded.last_seen, person = excluded.person
                WHERE excluded.last_seen >= devices.last_seen
                """);
            foreach (DeviceSeen device in devices)
            {
                Sql.Set(upsert, "$mac", device.Mac.ToString());
                Sql.Set(upsert, "$ip", device.Ip.ToString());
                Sql.Set(upsert, "$seen", UnixTime.ToMilliseconds(device.LastSeen));
                Sql.Set(upsert, "$person", device.Person);
                Sql.Set(upsert, "$local", device.IsLocallyAdministered);
                upsert.ExecuteNonQuery();
            }
            return 0;
        });
    }
}
