using PacketDotNet;
using SharpPcap;
using SharpPcap.LibPcap;

namespace Footfall.Capture;

/// <summary>
/// Records the frames footfall receives into a pcap file (SharpPcap's <see cref="CaptureFileWriterDevice"/>),
/// bounded: when the file reaches half of <c>maxBytes</c> it becomes FILE.1 (replacing the one before)
/// and a new FILE begins, so the two never hold more than <c>maxBytes</c>. Recording is a diagnosis,
/// never a reason to stop: a failure (a full disk) is said once and recording ends there.
/// </summary>
public sealed class CaptureRecorder : IDisposable
{
    private const int FileHeaderBytes = 24;
    private const int RecordHeaderBytes = 16;

    private readonly string _path;
    private readonly long _halfBytes;
    private readonly Action<string> _failed;
    private CaptureFileWriterDevice? _writer;
    private long _written;

    private CaptureRecorder(string path, long maxBytes, Action<string> failed)
    {
        _path = path;
        _halfBytes = Math.Max(maxBytes / 2, 64 * 1024);
        _failed = failed;
    }

    public string Path => _path;

    /// <summary>Starts recording into <paramref name="path"/> (replaced if it exists).</summary>
    /// <exception cref="CaptureFileException">The file cannot be made.</exception>
    public static CaptureRecorder Create(string path, long maxBytes, Action<string> failed)
    {
        var recorder = new CaptureRecorder(path, maxBytes, failed);
        try
        {
            recorder.Begin();
        }
        catch (Exception e) when (e is PcapException or IOException or UnauthorizedAccessException)
        {
            throw new CaptureFileException($"Could not record into '{path}': {e.Message}", e);
        }
        return recorder;
    }

    /// <summary>Appends one frame as captured at <paramref name="seconds"/>.<paramref name="microseconds"/>.</summary>
    public void Write(long seconds, long microseconds, ReadOnlySpan<byte> frame, int wireLength)
    {
        if (_writer is null)
        {
            return;
        }
        try
        {
            if (_written + RecordHeaderBytes + frame.Length > _halfBytes)
            {
                Rotate();
            }
            var header = new PcapHeader((uint)seconds, (uint)microseconds, (uint)wireLength, (uint)frame.Length);
            _writer!.Write(frame, ref header);
            _written += RecordHeaderBytes + frame.Length;
        }
        catch (Exception e) when (e is PcapException or IOException or UnauthorizedAccessException)
        {
            Stop();
            _failed($"recording stopped: could not write '{_path}': {e.Message}");
        }
    }

    public void Dispose() => Stop();

    private void Begin()
    {
        var writer = new CaptureFileWriterDevice(_path, FileMode.Create);
        writer.Open(new DeviceConfiguration { LinkLayerType = LinkLayers.Ethernet, Snaplen = 65535 });
        _writer = writer;
        _written = FileHeaderBytes;
    }

    private void Rotate()
    {
        Stop();
        File.Move(_path, _path + ".1", overwrite: true);
        Begin();
    }

    private void Stop()
    {
        _writer?.Dispose();
        _writer = null;
    }
}
