namespace Footfall.Store;

/// <summary>
/// Keeps the write-ahead log's blocks allocated ahead of SQLite. A WAL that grows allocates blocks as its
/// frames are written back, and each allocation is a commit of ext4's journal (block bitmap, group descriptor,
/// extent, inode): on the appliance's card that cost more than the frames themselves. Zeros written once past
/// the WAL's end, and synced, make every later frame an overwrite of a block the file already has. SQLite reads
/// a WAL only as far as its frames' salts and checksums run, so zeros after the last frame are never taken for
/// one (a new WAL file of zeros has no valid header and is taken as empty).
/// </summary>
internal static class WalReserve
{
    /// <summary>The frames SQLite writes before it checkpoints (<c>PRAGMA wal_autocheckpoint</c>).</summary>
    public const int CheckpointFrames = 256;

    /// <summary>
    /// Room past the checkpoint's size: SQLite checkpoints after the commit that went past it, so the WAL ends
    /// up to that commit's frames longer (a persist is 3; a larger one grows the file as before).
    /// </summary>
    public const int HeadroomFrames = 16;

    /// <summary>The WAL's size with <see cref="CheckpointFrames"/> and the headroom's frames of <paramref name="pageSize"/>.</summary>
    public static long BytesFor(long pageSize) => 32 + (CheckpointFrames + HeadroomFrames) * (24 + pageSize);

    /// <summary>
    /// Extends <paramref name="walPath"/> with zeros to <paramref name="bytes"/> and syncs it, if it is shorter;
    /// what it holds is left as it is. Returns the bytes added: 0 when it was long enough, is missing (SQLite
    /// creates it; the next open reserves it) or could not be extended (a full card: SQLite then grows it as
    /// before, and what was written of the zeros is only more room).
    /// </summary>
    public static long Ensure(string walPath, long bytes)
    {
        try
        {
            return Extend(walPath, bytes);
        }
        catch (Exception e) when (e is FileNotFoundException or IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    private static long Extend(string walPath, long bytes)
    {
        using var stream = new FileStream(walPath, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        long length = stream.Length;
        if (length >= bytes)
        {
            return 0;
        }
        stream.Seek(length, SeekOrigin.Begin);
        byte[] zeros = new byte[64 * 1024];
        for (long left = bytes - length; left > 0; left -= zeros.Length)
        {
            stream.Write(zeros, 0, (int)Math.Min(left, zeros.Length));
        }
        stream.Flush(flushToDisk: true);
        return bytes - length;
    }
}
