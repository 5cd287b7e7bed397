namespace Footfall.Sweep;

/// <summary>
/// The sweeper's seam to the wire: send a frame, wait for frames, take one. The real link is libpcap
/// (<see cref="Footfall.Capture.PcapLink"/>); tests can put a simulated network here.
/// </summary>
public interface IArpLink
{
    /// <summary>Queues one frame; false when the kernel's queue is full for now (try again after a wait).</summary>
    bool TrySend(ReadOnlySpan<byte> frame);

    /// <summary>
    /// Blocks until a frame may be read or <paramref name="timeout"/> passes; true if one may be read. A link
    /// may also return true early with nothing to read (it was woken): callers look again, they do not assume.
    /// </summary>
    bool WaitForFrame(TimeSpan timeout);

    /// <summary>
    /// Takes the next waiting frame into <paramref name="buffer"/> without blocking. Returns its real length
    /// (which may exceed the buffer: the frame is then truncated and should be refused), or -1 when none waits.
    /// </summary>
    int TryReceive(Span<byte> buffer);
}
