using System.Runtime.InteropServices;

namespace Footfall.Interop.Linux;

/// <summary>struct sockaddr_ll from &lt;linux/if_packet.h&gt;: 20 bytes, protocol in network byte order.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct SockaddrLl
{
    public ushort Family;
    public ushort Protocol;
    public int IfIndex;
    public ushort HaType;
    public byte PktType;
    public byte HaLen;
    public fixed byte Addr[8];

    /// <summary>sll_pkttype of a frame this host sent itself, looped back to packet sockets.</summary>
    public const byte PACKET_OUTGOING = 4;
}
