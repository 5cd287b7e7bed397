using Footfall.Capture;
using Footfall.Replay;
using Footfall.Tests.Support;
using PacketDotNet;
using SharpPcap;
using SharpPcap.LibPcap;

namespace Footfall.Tests.Replay;

/// <summary>Capture files through libpcap: written by footfall's recorder, read back; the ones it must refuse.</summary>
public sealed class CaptureFileTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void WhatTheRecorderWritesReadsBackWithItsTimestampsToTheMicrosecond()
    {
        string path = Path.Combine(_folder.Path, "run.pcap");
        byte[] one = Frames.Arp(senderMac: "3c:22:fb:00:00:01");
        byte[] two = Frames.Arp(senderMac: "3c:22:fb:00:00:02", length: 42);
        using (CaptureRecorder recorder = CaptureRecorder.Create(path, 10_000_000, problem => Assert.Fail(problem)))
        {
            recorder.Write(1_795_000_000, 123_456, one, one.Length);
            recorder.Write(1_795_000_001, 7, two, 64);
        }
        CapturedFrame[] frames = [.. CaptureFileReader.Read(path)];
        Assert.Equal(2, frames.Length);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_795_000_000).AddTicks(1_234_560), frames[0].At);
        Assert.Equal(one, frames[0].Bytes.ToArray());
        Assert.Equal(60, frames[0].WireLength);
        Assert.Equal(two, frames[1].Bytes.ToArray());
        Assert.Equal(64, frames[1].WireLength);
    }

    [Fact]
    public void RecordingIsBoundedByTurningTheFileIntoFileDotOne()
    {
        string path = Path.Combine(_folder.Path, "bounded.pcap");
        byte[] frame = Frames.Arp();
        const long max = 200_000;
        using (CaptureRecorder recorder = CaptureRecorder.Create(path, max, problem => Assert.Fail(problem)))
        {
            for (int i = 0; i < 10_000; i++)
            {
                recorder.Write(1_795_000_000 + i, 0, frame, frame.Length);
            }
        }
        long total = new FileInfo(path).Length + new FileInfo(path + ".1").Length;
        Assert.True(total <= max, $"{total} bytes on disk, over {max}");
        // The newest frames are kept: the last one written is the last one in FILE.
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_795_000_000 + 9_999), CaptureFileReader.Read(path).Last().At);
        Assert.True(CaptureFileReader.Read(path + ".1").Any());
    }

    [Fact]
    public void AFileCutShortYieldsWhatItHoldsThenSaysSo()
    {
        string path = Path.Combine(_folder.Path, "cut.pcap");
        byte[] frame = Frames.Arp();
        using (CaptureRecorder recorder = CaptureRecorder.Create(path, 10_000_000, problem => Assert.Fail(problem)))
        {
            recorder.Write(1_795_000_000, 0, frame, frame.Length);
            recorder.Write(1_795_000_001, 0, frame, frame.Length);
        }
        byte[] whole = File.ReadAllBytes(path);
        File.WriteAllBytes(path, whole[..^10]);
        var read = new List<CapturedFrame>();
        var e = Assert.Throws<CaptureFileException>(() =>
        {
            foreach (CapturedFrame f in CaptureFileReader.Read(path))
            {
                read.Add(f);
            }
        });
        Assert.Single(read);
        Assert.Contains("truncated", e.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(1000)]
    public void WhatIsNotACaptureIsAClearError(int bytes)
    {
        string path = Path.Combine(_folder.Path, "junk.pcap");
        File.WriteAllBytes(path, [.. Enumerable.Range(0, bytes).Select(i => (byte)(i * 37 + 11))]);
        var e = Assert.Throws<CaptureFileException>(() => CaptureFileReader.Read(path).ToList());
        Assert.StartsWith(path + ": ", e.Message);
    }

    [Fact]
    public void AMissingFileIsAClearError()
    {
        var e = Assert.Throws<CaptureFileException>(() => CaptureFileReader.Read(Path.Combine(_folder.Path, "nope.pcap")).ToList());
        Assert.EndsWith("no such file", e.Message);
    }

    [Fact]
    public void ACaptureOfAnotherLinkTypeIsRefused()
    {
        // tcpdump -i any writes Linux "cooked" frames, not Ethernet ones.
        string path = Path.Combine(_folder.Path, "cooked.pcap");
        using (var writer = new CaptureFileWriterDevice(path, FileMode.Create))
        {
            writer.Open(new DeviceConfiguration { LinkLayerType = LinkLayers.LinuxSll });
            writer.Write(new byte[32]);
        }
        var e = Assert.Throws<CaptureFileException>(() => CaptureFileReader.Read(path).ToList());
        Assert.Contains("not Ethernet", e.Message);
    }
}
