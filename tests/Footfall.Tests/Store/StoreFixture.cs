using Footfall.Net;
using Footfall.Presence;
using Footfall.Store;
using Footfall.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Footfall.Tests.Store;

/// <summary>A store in a temporary directory with a clock the test moves; everything is removed afterwards.</summary>
public sealed class StoreFixture : IDisposable
{
    private readonly TempDirectory _directory = new();

    public StoreFixture()
        : this(null)
    {
    }

    /// <param name="start">Where the clock starts; real time for tests that meet a real server's clock.</param>
    public StoreFixture(DateTimeOffset? start)
    {
        Clock = new ManualClock(start);
        Store = FootfallStore.Open(DataDirectory, Clock);
    }

    public ManualClock Clock { get; }

    public FootfallStore Store { get; private set; }

    public string DataDirectory => _directory.Path;

    public string DatabasePath => FootfallStore.DatabasePathIn(DataDirectory);

    public DateTimeOffset Now => Clock.GetUtcNow();

    /// <summary>Closes and opens the store again, as a restart of the daemon does.</summary>
    public void Reopen()
    {
        Store.Dispose();
        Store = FootfallStore.Open(DataDirectory, Clock);
    }

    /// <summary>A plain connection of the test's own, to look at what the store wrote.</summary>
    public SqliteConnection Raw(SqliteOpenMode mode = SqliteOpenMode.ReadOnly) => RawConnection(DatabasePath, mode);

    public static SqliteConnection RawConnection(string path, SqliteOpenMode mode = SqliteOpenMode.ReadWriteCreate)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    public static object? Scalar(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public static MacAddress Mac(string text) => MacAddress.TryParse(text, out MacAddress mac) ? mac : throw new ArgumentException(text);

    public static Ipv4Address Ip(string text) => Ipv4Address.TryParse(text, out Ipv4Address ip) ? ip : throw new ArgumentException(text);

    public static readonly Person Alice = new("Alice", "she", [Mac("3c:22:fb:00:00:01"), Mac("a4:83:e7:00:00:02")], 17);
    public static readonly Person Bob = new("Bob", "he", [Mac("3c:22:fb:00:00:03")], 22);

    public void Dispose()
    {
        Store.Dispose();
        _directory.Dispose();
    }
}
