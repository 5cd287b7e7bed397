using Footfall.Presence;
using Footfall.Store;
using Footfall.Tests.Support;
using static Footfall.Tests.Store.StoreFixture;

namespace Footfall.Tests.Store;

/// <summary>The WAL's blocks are there before SQLite writes frames into them, and reserving never costs a commit.</summary>
public sealed class WalReserveTests : IDisposable
{
    private readonly StoreFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    private string WalPath => _fixture.DatabasePath + "-wal";

    [Fact]
    public void OpeningReservesTheWalToTheCheckpointsSize()
    {
        Assert.Equal(WalReserve.BytesFor(4096), new FileInfo(WalPath).Length);
        Assert.Equal(WalReserve.CheckpointFrames.ToString(System.Globalization.CultureInfo.InvariantCulture), _fixture.Store.Pragma("wal_autocheckpoint"));
    }

    [Fact]
    public void ADayOfPersistsWritesIntoTheReservedWalWithoutGrowingIt()
    {
        long reserved = new FileInfo(WalPath).Length;
        _fixture.Store.SyncPeople([Alice]);
        DateTimeOffset now = _fixture.Now;
        for (int i = 0; i < 300; i++)
        {
            // A whole day of 5-minute persists: past one checkpoint, so the WAL restarts from its beginning.
            now = now.AddMinutes(5);
            _fixture.Store.Refresh([new("Alice", true, _fixture.Now, now)], [new(Mac("3c:22:fb:00:00:01"), Ip("192.168.1.20"), now, "Alice")]);
            Assert.Equal(reserved, new FileInfo(WalPath).Length);
        }
        Assert.Equal(now, Assert.Single(_fixture.Store.LoadPresence()).LastSeen);
    }

    [Fact]
    public void AWalLeftByAPowerCutIsRecoveredAndOnlyExtended()
    {
        // The files as a power cut leaves them: the daemon's WAL with a committed event that was never checkpointed.
        DateTimeOffset now = _fixture.Now;
        _fixture.Store.SyncPeople([Alice]);
        _fixture.Store.Commit([new(PresenceEventKind.Arrived, now, "Alice")], [new("Alice", true, now, now)]);
        using var cut = new TempDirectory();
        File.Copy(_fixture.DatabasePath, cut.Combine(FootfallStore.FileName));
        byte[] wal = File.ReadAllBytes(WalPath);
        // Only its frames (up to the last one with a byte that is not zero), as a WAL that had not been reserved
        // yet: the open must recover it and extend it, not rewrite it.
        const int Frame = 4096 + 24;
        int last = Array.FindLastIndex(wal, b => b != 0);
        byte[] used = wal[..(32 + ((last - 32) / Frame + 1) * Frame)];
        Assert.True(used.Length < wal.Length);
        File.WriteAllBytes(cut.Combine(FootfallStore.FileName + "-wal"), used);

        using FootfallStore reopened = FootfallStore.Open(cut.Path, new ManualClock(now));
        Assert.Equal(PresenceEventKind.Arrived, Assert.Single(reopened.Log(10)).Event.Kind);
        Assert.Equal(["ok"], reopened.IntegrityCheck(10));
        Assert.Equal(WalReserve.BytesFor(4096), new FileInfo(cut.Combine(FootfallStore.FileName + "-wal")).Length);
    }

    [Fact]
    public void AShortFileIsExtendedWithZerosAndItsBytesKept()
    {
        using var directory = new TempDirectory();
        string path = directory.Combine("x-wal");
        File.WriteAllBytes(path, [1, 2, 3]);
        Assert.Equal(100_000 - 3, WalReserve.Ensure(path, 100_000));
        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal(100_000, bytes.Length);
        Assert.Equal([1, 2, 3], bytes[..3]);
        Assert.All(bytes[3..], b => Assert.Equal(0, b));
        Assert.Equal(0, WalReserve.Ensure(path, 50_000));
        Assert.Equal(100_000, new FileInfo(path).Length);
        Assert.Equal(0, WalReserve.Ensure(directory.Combine("missing-wal"), 100_000));
        Assert.False(File.Exists(directory.Combine("missing-wal")));
    }
}
