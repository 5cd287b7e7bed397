using Footfall.Presence;
using Microsoft.Data.Sqlite;

namespace Footfall.Store;

public sealed partial class FootfallStore
{
    /// <summary>
    /// Records sightings: a new device is added, a known one keeps its first-seen time and takes the latest
    /// IP, owner, last-seen time, DHCP identity and flags. An older sighting arriving late does not overwrite a newer one.
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
            UpsertDevices(transaction, devices);
            return 0;
        });
    }

    /// <summary>The upsert <see cref="RecordDevices"/> makes, inside a caller's transaction (see <see cref="Commit"/>).</summary>
    private void UpsertDevices(SqliteTransaction transaction, IReadOnlyList<DeviceSeen> devices)
    {
        if (devices.Count == 0)
        {
            return;
        }
        using SqliteCommand upsert = Sql.Command(_connection, transaction, """
            INSERT INTO devices (mac, last_ip, first_seen, last_seen, person, locally_administered,
                                 dhcp_hostname, dhcp_client_id, by_hostname, probably_of, conflict_with)
            VALUES ($mac, $ip, $seen, $seen, $person, $local, $hostname, $clientId, $byHostname, $probablyOf, $conflictWith)
            ON CONFLICT (mac) DO UPDATE SET
                last_ip = excluded.last_ip, last_seen = excluded.last_seen, person = excluded.person,
                dhcp_hostname = excluded.dhcp_hostname, dhcp_client_id = excluded.dhcp_client_id,
                by_hostname = excluded.by_hostname, probably_of = excluded.probably_of, conflict_with = excluded.conflict_with
            WHERE excluded.last_seen >= devices.last_seen
            """);
        foreach (DeviceSeen device in devices)
        {
            Sql.Set(upsert, "$mac", device.Mac.ToString());
            Sql.Set(upsert, "$ip", device.Ip.ToString());
            Sql.Set(upsert, "$seen", UnixTime.ToMilliseconds(device.LastSeen));
            Sql.Set(upsert, "$person", device.Person);
            Sql.Set(upsert, "$local", device.IsLocallyAdministered);
            Sql.Set(upsert, "$hostname", device.Dhcp?.Hostname);
            Sql.Set(upsert, "$clientId", device.Dhcp?.ClientId);
            Sql.Set(upsert, "$byHostname", device.ByHostname);
            Sql.Set(upsert, "$probablyOf", device.ProbablyOf);
            Sql.Set(upsert, "$conflictWith", Sql.Text(device.ConflictWith));
            upsert.ExecuteNonQuery();
        }
    }
}
