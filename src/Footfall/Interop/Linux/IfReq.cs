using System.Runtime.InteropServices;

namespace Footfall.Interop.Linux;

/// <summary>
/// struct ifreq from &lt;net/if.h&gt;: a 16-byte name and a 24-byte union (on 64-bit; the union's largest
/// member is struct ifmap). Only the union members footfall reads are laid out.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 40)]
internal unsafe struct IfReq
{
    public const int NameSize = 16;

    [FieldOffset(0)] public fixed byte Name[NameSize];

    /// <summary>ifr_ifindex.</summary>
    [FieldOffset(16)] public int IfIndex;

    /// <summary>ifr_flags.</summary>
    [FieldOffset(16)] public short Flags;

    /// <summary>ifr_addr / ifr_hwaddr / ifr_netmask: struct sockaddr's family.</summary>
    [FieldOffset(16)] public ushort AddressFamily;

    /// <summary>sa_data: for ifr_hwaddr the MAC; for AF_INET addresses the port (2 bytes) then the address.</summary>
    [FieldOffset(18)] public fixed byte AddressData[14];
}
