using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Footfall.Interop.Linux;
using Footfall.Sweep;

namespace Footfall.Net.Linux;

/// <summary>
/// A raw AF_PACKET socket bound to one interface that sees every ARP frame on it, and sends whole
/// Ethernet frames. Needs CAP_NET_RAW.
/// </summary>
public sealed unsafe class ArpSocket : IArpLink, IDisposable
{
    // A /16 sweep can draw thousands of replies within milliseconds; the default receive buffer
    // (about 200 KiB) would drop some of them before we read them.
    private const int ReceiveBufferBytes = 4 * 1024 * 1024;

    private readonly string _interfaceName;
    private int _fd;

    private ArpSocket(int fd, string interfaceName)
    {
        _fd = fd;
        _interfaceName = interfaceName;
    }

    /// <summary>
    /// Opens the socket on <paramref name="link"/>. Throws <see cref="LinuxException"/>; EPERM means
    /// the process lacks CAP_NET_RAW (see <see cref="MissingCapabilityMessage"/>).
    /// </summary>
    public static ArpSocket Open(InterfaceInfo link)
    {
        ushort protocol = BinaryPrimitives.ReverseEndianness(ArpFrame.EtherTypeArp);
        int fd = Libc.socket(Libc.AF_PACKET, Libc.SOCK_RAW | Libc.SOCK_NONBLOCK | Libc.SOCK_CLOEXEC, protocol);
        if (fd < 0)
        {
            throw LinuxException.FromLastError("open a raw ARP socket on", link.Name);
        }
        var socket = new ArpSocket(fd, link.Name);
        try
        {
            SockaddrLl address = default;
            address.Family = Libc.AF_PACKET;
            address.Protocol = protocol;
            address.IfIndex = link.Index;
            if (Libc.bind(fd, &address, sizeof(SockaddrLl)) < 0)
            {
                throw LinuxException.FromLastError("bind a raw ARP socket to", link.Name);
            }
            int one = 1;
            // Our own requests would otherwise come back to us; older kernels (< 4.20) lack the option,
            // and the sweeper also ignores frames from its own MAC, so failure here is harmless.
            Libc.setsockopt(fd, Libc.SOL_PACKET, Libc.PACKET_IGNORE_OUTGOING, &one, sizeof(int));
            int bytes = ReceiveBufferBytes;
            // SO_RCVBUFFORCE passes rmem_max when we hold CAP_NET_ADMIN; otherwise ask within the limit.
            if (Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_RCVBUFFORCE, &bytes, sizeof(int)) < 0)
            {
                Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_RCVBUF, &bytes, sizeof(int));
            }
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public const string MissingCapabilityMessage =
        "footfall needs the CAP_NET_RAW capability to send and receive ARP frames: run it as root, or grant it once with 'setcap cap_net_raw+ep <path to footfall>'.";

    public bool TrySend(ReadOnlySpan<byte> frame)
    {
        fixed (byte* pointer = frame)
        {
            nint sent = Libc.send(_fd, pointer, (nuint)frame.Length, Libc.MSG_DONTWAIT);
            if (sent >= 0)
            {
                return true;
            }
        }
        int errno = Marshal.GetLastPInvokeError();
        if (errno is Libc.EAGAIN or Libc.ENOBUFS or Libc.EINTR)
        {
            return false;
        }
        throw new LinuxException("send an ARP frame on", _interfaceName, errno);
    }

    public bool WaitForFrame(TimeSpan timeout)
    {
        // poll() counts whole milliseconds; round up so that a short wait still waits.
        long milliseconds = (long)Math.Ceiling(Math.Max(0, timeout.TotalMilliseconds));
        Libc.PollFd pollFd = new() { Fd = _fd, Events = Libc.POLLIN };
        int ready = Libc.poll(&pollFd, 1, (int)Math.Min(milliseconds, int.MaxValue));
        if (ready < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno == Libc.EINTR)
            {
                return false;
            }
            throw new LinuxException("wait for ARP frames on", _interfaceName, errno);
        }
        return ready > 0;
    }

    public int TryReceive(Span<byte> buffer)
    {
        while (true)
        {
            SockaddrLl from = default;
            uint fromLength = (uint)sizeof(SockaddrLl);
            nint length;
            fixed (byte* pointer = buffer)
            {
                length = Libc.recvfrom(_fd, pointer, (nuint)buffer.Length, Libc.MSG_DONTWAIT | Libc.MSG_TRUNC, &from, &fromLength);
            }
            if (length < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno == Libc.EINTR)
                {
                    continue;
                }
                if (errno == Libc.EAGAIN)
                {
                    return -1;
                }
                throw new LinuxException("receive ARP frames on", _interfaceName, errno);
            }
            if (from.PktType == SockaddrLl.PACKET_OUTGOING)
            {
                // Our own frame, seen on a kernel without PACKET_IGNORE_OUTGOING.
                continue;
            }
            return (int)length;
        }
    }

    public void Dispose()
    {
        int fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0)
        {
            Libc.close(fd);
        }
    }
}
