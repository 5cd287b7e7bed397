using Footfall.Replay;
using PacketDotNet;
using SharpPcap;
using SharpPcap.LibPcap;

namespace Footfall.Capture;

/// <summary>
/// Reads a capture file through libpcap (SharpPcap's <see cref="CaptureFileReaderDevice"/>): pcap or
/// pcapng, as footfall or `tcpdump -w` wrote it, Ethernet frames only. A file cut short (a power cut
/// while it was written) yields what it holds, then throws.
/// </summary>
public static class CaptureFileReader
{
    /// <exception cref="CaptureFileException">The file cannot be read, or ends in the middle of a frame.</exception>
    public static IEnumerable<CapturedFrame> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new CaptureFileException($"{path}: no such file");
        }
        var device = new CaptureFileReaderDevice(path);
        try
        {
            device.Open(new DeviceConfiguration());
        }
        catch (PcapException e)
        {
            device.Dispose();
            throw new CaptureFileException($"{path}: not a capture file libpcap can read ({e.Message})", e);
        }
        if (device.LinkType != LinkLayers.Ethernet)
        {
            LinkLayers type = device.LinkType;
            device.Dispose();
            throw new CaptureFileException($"{path}: holds {type} frames, not Ethernet: capture on the office's wired interface (tcpdump -i eth0 -w FILE)");
        }
        return Frames(device, path);
    }

    private static IEnumerable<CapturedFrame> Frames(CaptureFileReaderDevice device, string path)
    {
        using (device)
        {
            while (true)
            {
                CapturedFrame? frame = Next(device, path);
                if (frame is null)
                {
                    yield break;
                }
                yield return frame.Value;
            }
        }
    }

    private static unsafe CapturedFrame? Next(CaptureFileReaderDevice device, string path)
    {
        nint header = 0, data = 0;
        int result = device.GetNextPacketPointers(ref header, ref data);
        if (result == -2)
        {
            return null; // the end of the file
        }
        if (result != 1)
        {
            throw new CaptureFileException($"{path}: {device.LastError}");
        }
        long seconds = *(long*)(header + Interop.Pcap.Pcap.HeaderSecondsOffset);
        long microseconds = *(long*)(header + Interop.Pcap.Pcap.HeaderMicrosecondsOffset);
        int captured = *(int*)(header + Interop.Pcap.Pcap.HeaderCaptureLengthOffset);
        int length = *(int*)(header + Interop.Pcap.Pcap.HeaderLengthOffset);
        DateTimeOffset at = DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks(microseconds * TimeSpan.TicksPerMicrosecond);
        return new CapturedFrame(at, new ReadOnlySpan<byte>((void*)data, captured).ToArray(), length);
    }
}
