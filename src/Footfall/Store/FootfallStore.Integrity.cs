using Microsoft.Data.Sqlite;

namespace Footfall.Store;

public sealed partial class FootfallStore
{
    /// <summary>
    /// What SQLite's <c>PRAGMA integrity_check</c> says about the whole file: "ok", or up to
    /// <paramref name="limit"/> lines naming what is damaged. Reads every page; safe beside the daemon (WAL).
    /// </summary>
    public IReadOnlyList<string> IntegrityCheck(int limit = 100) => Locked("check the database's integrity", () =>
    {
        using SqliteCommand command = Sql.Command(_connection, null, $"PRAGMA integrity_check({Math.Max(1, limit)})");
        using SqliteDataReader reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read())
        {
            lines.Add(reader.GetString(0));
        }
        return lines;
    });

    /// <summary>The schema version, pages and free pages of the file, for a support report.</summary>
    public (int SchemaVersion, long PageSize, long Pages, long FreePages) FileFacts() => Locked("read the database's size", () => (
        Schema.ReadVersion(_connection),
        Sql.ScalarInt64(_connection, null, "PRAGMA page_size"),
        Sql.ScalarInt64(_connection, null, "PRAGMA page_count"),
        Sql.ScalarInt64(_connection, null, "PRAGMA freelist_count")));
}
