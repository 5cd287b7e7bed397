using Microsoft.Data.Sqlite;
using Footfall.Runtime;

namespace Footfall.Store;

/// <summary>
/// footfall's state in one SQLite file in the data directory: people, presence, sessions, the event history,
/// devices seen and the announcers' outbox. One writer (the daemon) and any number of readers (who, log,
/// devices) at once: WAL lets readers read while the writer commits. Calls are serialised, so one instance
/// may be shared by the daemon's workers.
/// </summary>
/// <remarks>The operations live in the other FootfallStore.*.cs files, one concern each.</remarks>
public sealed partial class FootfallStore : IDisposable, IStoreReads, IBusOutbox, IPostHistory
{
    public const string FileName = "footfall.db";

    // How long a statement waits for another connection's lock before it fails. Readers never take one
    // in WAL mode; this covers a second writer (a daemon started twice) and WAL recovery after a crash.
    private const int BusyTimeoutMilliseconds = 5_000;

    // After a checkpoint the WAL is cut back to this size, so the file stays bounded.
    private const long JournalSizeLimitBytes = 4 * 1024 * 1024;

    private const int SqliteCorrupt = 11;
    private const int SqliteCantOpen = 14;
    private const int SqliteNotADatabase = 26;

    private readonly SqliteConnection _connection;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private bool _disposed;

    private FootfallStore(SqliteConnection connection, string path, TimeProvider time, bool readOnly)
    {
        _connection = connection;
        _time = time;
        DatabasePath = path;
        IsReadOnly = readOnly;
    }

    /// <summary>$XDG_STATE_HOME/footfall, ~/.local/state/footfall, or /var/lib/footfall without HOME.</summary>
    public static string DefaultDataDirectory => DataDirectory.Default(Environment.GetEnvironmentVariable);

    public string DatabasePath { get; }

    public bool IsReadOnly { get; }

    /// <summary>
    /// When the last write was committed (<see cref="TimeProvider.GetTimestamp"/> of the store's clock), or null
    /// before the first: a write that can wait goes with another's, which costs the card one commit of ext4's
    /// journal instead of two.
    /// </summary>
    public long? LastWriteTimestamp { get; private set; }

    public static string DatabasePathIn(string dataDirectory) => Path.Combine(Path.GetFullPath(dataDirectory), FileName);

    /// <summary>
    /// What was unusual about the database when it was opened, for the daemon's log: a newer footfall's schema
    /// run on as it is, or a copy put back after a rolled-back update (<see cref="RollbackCopy"/>). Null when
    /// there was nothing to say.
    /// </summary>
    public string? VersionNote { get; private set; }

    /// <summary>
    /// Opens the database for writing, creating the directory and the file if need be, and migrates it to the
    /// current schema, copying it first when a migration is one older footfalls must not write past. A newer
    /// footfall's database is run on as it is when it says this footfall may write it; otherwise the copy made
    /// before it was migrated is put back when there is one. Without one, a database from a newer footfall, a
    /// file that is not a database, or an unwritable directory is refused with a <see cref="StoreException"/>,
    /// and nothing is written to it.
    /// </summary>
    public static FootfallStore Open(string dataDirectory, TimeProvider time) => Open(dataDirectory, time, Schema.Migrations);

    internal static FootfallStore Open(string dataDirectory, TimeProvider time, IReadOnlyList<Migration> migrations)
    {
        string path = DatabasePathIn(dataDirectory);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"Could not create the data directory '{dataDirectory}': {e.Message}", e);
        }
        int latest = migrations[^1].Version;
        try
        {
            return OpenWritable(path, time, migrations, note: null);
        }
        catch (NewerSchemaException newer) when (RollbackCopy.Newest(path, latest) is { } copy)
        {
            string note;
            try
            {
                note = RollbackCopy.Restore(path, newer.Version, copy);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new StoreException($"{newer.Message} Putting back the copy made before it was migrated ({copy.Path}) failed: {e.Message}", e);
            }
            return OpenWritable(path, time, migrations, note);
        }
    }

    private static FootfallStore OpenWritable(string path, TimeProvider time, IReadOnlyList<Migration> migrations, string? note)
    {
        return Prepare(path, SqliteOpenMode.ReadWriteCreate, connection =>
        {
            // Look before touching anything: switching to WAL would rewrite the header of a database we must refuse.
            int version = CheckVersion(connection, path, migrations[^1].Version, out string? newerNote);
            if (version == 0)
            {
                // Only takes effect before the first table exists; lets retention hand freed pages back.
                Sql.Execute(connection, null, "PRAGMA auto_vacuum = INCREMENTAL");
            }
            string mode = Convert.ToString(ScalarText(connection, "PRAGMA journal_mode = WAL")) ?? "";
            if (!mode.Equals("wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new StoreException($"Could not switch {path} to write-ahead logging (SQLite stayed in '{mode}' mode); the file system may not support it.");
            }
            // FULL syncs the WAL on every commit: an event reported as committed survives a power cut.
            Sql.Execute(connection, null, "PRAGMA synchronous = FULL");
            Sql.Execute(connection, null, $"PRAGMA journal_size_limit = {JournalSizeLimitBytes}");
            Sql.Execute(connection, null, $"PRAGMA wal_autocheckpoint = {WalReserve.CheckpointFrames}");
            if (version > 0 && migrations.Any(m => m.Version > version && !m.OlderMayWrite))
            {
                try
                {
                    RollbackCopy.Make(connection, path, version);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or SqliteException)
                {
                    // Presence goes on: a full card must not stop the appliance. Only a rollback would miss it.
                    note = $"{path} could not be copied before its migration from schema {version} ({e.Message}): if this update is rolled back, the older footfall will not find a database it may write.";
                }
            }
            Schema.MigrateForward(connection, migrations);
            // After the migrations: by then SQLite has recovered the WAL a power cut left and made a new one.
            WalReserve.Ensure(path + "-wal", WalReserve.BytesFor(Sql.ScalarInt64(connection, null, "PRAGMA page_size")));
            return new FootfallStore(connection, path, time, readOnly: false) { VersionNote = note ?? newerNote };
        });
    }

    /// <summary>
    /// Opens the database for reading while the daemon may be writing to it. Throws
    /// <see cref="StoreMissingException"/> if there is none in <paramref name="dataDirectory"/>, and
    /// <see cref="StoreException"/> if its schema is not the one this footfall reads.
    /// </summary>
    public static FootfallStore OpenReadOnly(string dataDirectory)
    {
        string path = DatabasePathIn(dataDirectory);
        if (!File.Exists(path))
        {
            throw new StoreMissingException($"There is no footfall database in '{dataDirectory}' ({path} does not exist).");
        }
        return Prepare(path, SqliteOpenMode.ReadOnly, connection =>
        {
            int version = CheckVersion(connection, path, Schema.LatestVersion, out _);
            if (version == 0)
            {
                // No schema at all: the daemon has just created the file and is about to fill it.
                throw new StoreMissingException($"There is no footfall database in '{dataDirectory}' yet: {path} is empty, the daemon is creating it.");
            }
            if (version < Schema.LatestVersion)
            {
                throw new StoreException($"{path} has schema version {version}, older than this footfall reads ({Schema.LatestVersion}): start the daemon (footfall run) once to bring it up to date.");
            }
            return new FootfallStore(connection, path, TimeProvider.System, readOnly: true);
        });
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _disposed = true;
                _connection.Dispose();
            }
        }
    }

    /// <summary>A PRAGMA's value on the store's own connection (some, like synchronous, are per connection): for tests.</summary>
    internal string Pragma(string name) => Locked("read a pragma", () =>
        Convert.ToString(ScalarText(_connection, $"PRAGMA {name}"), System.Globalization.CultureInfo.InvariantCulture) ?? "");

    /// <summary>Connects and readies the store; on any failure the connection is closed, so the file is not held open.</summary>
    private static FootfallStore Prepare(string path, SqliteOpenMode mode, Func<SqliteConnection, FootfallStore> ready)
    {
        SqliteConnection connection = Connect(path, mode);
        try
        {
            return ready(connection);
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw Failure("open", path, e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static SqliteConnection Connect(string path, SqliteOpenMode mode)
    {
        var settings = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = mode,
            Cache = SqliteCacheMode.Private,
            // One long-lived connection per store: a pool would only keep the file open after Dispose.
            Pooling = false,
            DefaultTimeout = BusyTimeoutMilliseconds / 1000,
        };
        SqliteConnection? connection = null;
        try
        {
            connection = new SqliteConnection(settings.ToString());
            connection.Open();
            Sql.Execute(connection, null, $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}");
            Sql.Execute(connection, null, "PRAGMA foreign_keys = ON");
            return connection;
        }
        catch (SqliteException e)
        {
            connection?.Dispose();
            throw Failure("open", path, e);
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException)
        {
            connection?.Dispose();
            throw new StoreException(NativeLibraries.Message(NativeDependency.Sqlite, codename: null), e);
        }
    }


    /// <summary>
    /// Reads user_version and refuses what this footfall must not touch. Returns the version; a newer footfall's
    /// schema that this one may write is returned with a note saying so.
    /// </summary>
    private static int CheckVersion(SqliteConnection connection, string path, int latest, out string? note)
    {
        note = null;
        int version = Schema.ReadVersion(connection);
        if (version > latest)
        {
            int? oldestWriter = Schema.ReadOldestWriter(connection);
            if (oldestWriter is not { } oldest || oldest > latest)
            {
                throw new NewerSchemaException(version, $"{path} has schema version {version}, newer than this footfall knows ({latest}): it was written by a newer footfall{(oldestWriter is { } w ? $", which says no footfall before schema {w} may write it" : "")}. It is left untouched: run the newer footfall, or move the file away to start afresh.");
            }
            note = $"{path} has schema version {version}, from a newer footfall; this one knows up to {latest} and may go on writing it (the database says so from schema {oldest} on): it is used as it is, and the newer footfall will find everything recorded meanwhile.";
        }
        if (version == 0 && Sql.ScalarInt64(connection, null, "SELECT count(*) FROM sqlite_schema") > 0)
        {
            throw new StoreException($"{path} is a SQLite database but not footfall's (it has tables and no footfall schema version). It is left untouched: move it away, or point --data elsewhere.");
        }
        return version;
    }

    private static object? ScalarText(SqliteConnection connection, string text)
    {
        using SqliteCommand command = Sql.Command(connection, null, text);
        return command.ExecuteScalar();
    }

    private static StoreException Failure(string operation, string path, SqliteException e) => e.SqliteErrorCode switch
    {
        SqliteNotADatabase => new StoreException($"{path} is not a SQLite database. It is left untouched: move it away and footfall will start a new one.", e),
        SqliteCorrupt => new StoreException($"{path} is damaged ({e.Message}). It is left untouched: move it away (keep it for a post-mortem) and footfall will start a new one.", e),
        SqliteCantOpen => new StoreException($"Could not {operation} {path}: SQLite cannot open it there (is the directory writable, is it a file?).", e),
        _ => new StoreException($"Could not {operation} {path}: {e.Message}", e),
    };

    /// <summary>Runs one operation under the lock, turning SQLite's failures into a <see cref="StoreException"/> that names the file.</summary>
    private T Locked<T>(string operation, Func<T> work)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                return work();
            }
            catch (SqliteException e)
            {
                throw Failure(operation, DatabasePath, e);
            }
        }
    }

    /// <summary>
    /// Runs one write in one transaction: all of it is committed, or none. Durable (the default), the commit
    /// returns once the card has it (synchronous=FULL: the WAL is synced). Not durable, it is committed without
    /// that sync (synchronous=NORMAL for this one transaction): as consistent after a power cut, but it reaches
    /// the card when the kernel writes it back (within about 30 s) or with the next durable commit, whichever
    /// comes first, and each sync costs the card a journal commit of the file system as well as the data.
    /// </summary>
    private T Write<T>(string operation, Func<SqliteTransaction, T> work, bool durable = true)
    {
        if (IsReadOnly)
        {
            throw new InvalidOperationException($"The store was opened read-only; cannot {operation}.");
        }
        return Locked(operation, () =>
        {
            if (!durable)
            {
                Sql.Execute(_connection, null, "PRAGMA synchronous = NORMAL");
            }
            try
            {
                // BEGIN IMMEDIATE: take the write lock up front, so a busy database fails here and not half-way.
                using SqliteTransaction transaction = _connection.BeginTransaction(deferred: false);
                T result = work(transaction);
                transaction.Commit();
                LastWriteTimestamp = _time.GetTimestamp();
                return result;
            }
            finally
            {
                if (!durable)
                {
                    Sql.Execute(_connection, null, "PRAGMA synchronous = FULL");
                }
            }
        });
    }
}
