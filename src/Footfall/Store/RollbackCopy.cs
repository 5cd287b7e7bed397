using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Footfall.Store;

/// <summary>
/// The database as it was before a migration that older footfalls must not write past
/// (<see cref="Migration.OlderMayWrite"/> false): <c>footfall.db.schema-N</c> beside it, N the schema it was at.
/// An update's trial boot migrates; if the update is rolled back, the older footfall finds a database it must
/// not write and puts this copy back in its place, keeping the newer one aside as
/// <c>footfall.db.from-schema-M</c>. What was recorded before the update is all there; what the trial
/// recorded is in the file kept aside, not in the database in use. Only the newest copy is kept.
/// </summary>
internal static class RollbackCopy
{
    private const string CopyInfix = ".schema-";
    private const string AsideInfix = ".from-schema-";

    public static string PathFor(string databasePath, int schema) =>
        databasePath + CopyInfix + schema.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Copies the database at <paramref name="schema"/> (a consistent snapshot, the WAL's frames included) to
    /// <see cref="PathFor"/> by way of a temporary file, synced and renamed, so a power cut leaves the whole
    /// copy or none; older copies are removed once it is in place.
    /// </summary>
    public static void Make(SqliteConnection connection, string databasePath, int schema)
    {
        string copy = PathFor(databasePath, schema);
        string temporary = copy + ".partial";
        File.Delete(temporary);
        using (SqliteCommand command = Sql.Command(connection, null, "VACUUM INTO $path"))
        {
            Sql.Set(command, "$path", temporary);
            command.ExecuteNonQuery();
        }
        Sync(temporary);
        File.Move(temporary, copy, overwrite: true);
        foreach ((string older, _) in Copies(databasePath).Where(c => c.Schema != schema))
        {
            File.Delete(older);
        }
    }

    /// <summary>The newest copy a footfall that knows up to <paramref name="latest"/> can open, or null.</summary>
    public static (string Path, int Schema)? Newest(string databasePath, int latest) =>
        Copies(databasePath).Where(c => c.Schema <= latest).OrderByDescending(c => c.Schema).Select(c => ((string, int)?)c).FirstOrDefault();

    /// <summary>
    /// Sets the database at <paramref name="newer"/> aside (with its WAL and shared memory, so nothing in it is
    /// lost) and puts <paramref name="copy"/> in its place. Returns what to tell the operator. The copy itself
    /// stays, for a second attempt. Nothing may hold the database open. A power cut at any step leaves either
    /// the newer database in place (the next start does this again) or the copy: never no database at all.
    /// </summary>
    public static string Restore(string databasePath, int newer, (string Path, int Schema) copy)
    {
        string aside = databasePath + AsideInfix + newer.ToString(CultureInfo.InvariantCulture);
        string temporary = databasePath + ".restoring";
        File.Copy(copy.Path, temporary, overwrite: true);
        Sync(temporary);
        // The WAL and shared memory go first: left beside the copy, SQLite would apply the newer's frames to it.
        foreach (string suffix in new[] { "-wal", "-shm" })
        {
            if (File.Exists(databasePath + suffix))
            {
                File.Move(databasePath + suffix, aside + suffix, overwrite: true);
            }
        }
        File.Copy(databasePath, aside, overwrite: true);
        Sync(aside);
        File.Move(temporary, databasePath, overwrite: true);
        return $"{databasePath} was at schema {newer}, which a newer footfall made and this one must not write (it knows up to {copy.Schema}): " +
               $"the copy made before that footfall migrated it ({Path.GetFileName(copy.Path)}) is in use again, and the newer database is kept as {Path.GetFileName(aside)} " +
               "(what was recorded since the update is there, not in the database in use).";
    }

    private static void Sync(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        stream.Flush(flushToDisk: true);
    }

    private static IEnumerable<(string Path, int Schema)> Copies(string databasePath)
    {
        string directory = Path.GetDirectoryName(databasePath)!;
        string prefix = Path.GetFileName(databasePath) + CopyInfix;
        foreach (string file in Directory.EnumerateFiles(directory, prefix + "*"))
        {
            if (int.TryParse(Path.GetFileName(file).AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int schema))
            {
                yield return (file, schema);
            }
        }
    }
}
