using System.Device.Spi;

namespace Footfall.Tests.Support;

/// <summary>An SPI device that keeps every buffer written to it, for checking what a strip was sent.</summary>
public sealed class FakeSpiDevice(SpiConnectionSettings settings) : SpiDevice
{
    public List<byte[]> Writes { get; } = [];

    public bool Disposed { get; private set; }

    public override SpiConnectionSettings ConnectionSettings => settings;

    public override void Write(ReadOnlySpan<byte> buffer) => Writes.Add(buffer.ToArray());

    public override void WriteByte(byte value) => Writes.Add([value]);

    public override byte ReadByte() => throw new NotSupportedException("a WS2812B strip is never read");

    public override void Read(Span<byte> buffer) => throw new NotSupportedException("a WS2812B strip is never read");

    public override void TransferFullDuplex(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer) =>
        throw new NotSupportedException("a WS2812B strip is never read");

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }
}
