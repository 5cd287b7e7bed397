using System.Runtime.InteropServices;
using Footfall.Interop.Linux;

namespace Footfall.Capture;

/// <summary>
/// Wakes a thread blocked waiting for frames (<see cref="PcapLink.WaitForFrame"/>) from another thread:
/// an eventfd the link polls beside its capture descriptor. With it the sweeper can wait on the wire for
/// a whole sweep interval and still send a departure check, or stop, the moment it is asked, rather than
/// waking every 100 ms to look (ten wakeups a second on an idle appliance).
/// </summary>
public sealed class WireWake : IDisposable
{
    private readonly object _gate = new();
    private int _fd;

    public WireWake()
    {
        _fd = Libc.eventfd(0, Libc.EFD_CLOEXEC | Libc.EFD_NONBLOCK);
        if (_fd < 0)
        {
            throw new CaptureException($"Could not make an eventfd: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }
    }

    /// <summary>The descriptor to poll for reading; -1 once disposed.</summary>
    public int Fd => Volatile.Read(ref _fd);

    /// <summary>Makes the current or next wait return. Safe from any thread, and after disposal (then it does nothing).</summary>
    public unsafe void Ring()
    {
        // The lock keeps a ring from writing to a descriptor number that disposal closed and the process reused.
        lock (_gate)
        {
            if (_fd >= 0)
            {
                ulong one = 1;
                _ = Libc.write(_fd, (byte*)&one, sizeof(ulong));
            }
        }
    }

    /// <summary>Takes the rings so far, so that the next poll blocks again.</summary>
    public unsafe void Clear()
    {
        lock (_gate)
        {
            if (_fd >= 0)
            {
                ulong count;
                _ = Libc.read(_fd, (byte*)&count, sizeof(ulong));
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_fd >= 0)
            {
                _ = Libc.close(_fd);
                _fd = -1;
            }
        }
    }
}
