using Microsoft.Data.Sqlite;

namespace Footfall.Store;

public sealed partial class FootfallStore
{
    /// <summary>Keeps the site's time zone (an IANA name, "Europe/Amsterdam"), for the readers that have no configuration.</summary>
    public void RecordSiteTimeZone(string timeZoneId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(timeZoneId);
        Write("record the site's time zone", transaction =>
        {
            using SqliteCommand command = Sql.Command(_connection, transaction,
                "INSERT INTO site (id, time_zone) VALUES (1, $zone) ON CONFLICT (id) DO UPDATE SET time_zone = excluded.time_zone");
            Sql.Set(command, "$zone", timeZoneId);
            return command.ExecuteNonQuery();
        });
    }

    /// <summary>The site's time zone as the daemon last started with it, or null before it ever did.</summary>
    public string? SiteTimeZone() => Locked("read the site's time zone", () =>
    {
        using SqliteCommand command = Sql.Command(_connection, null, "SELECT time_zone FROM site WHERE id = 1");
        return command.ExecuteScalar() as string;
    });
}
