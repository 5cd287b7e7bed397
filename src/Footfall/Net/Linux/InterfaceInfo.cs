using System.Text;
using Footfall.Interop.Linux;

namespace Footfall.Net.Linux;

/// <summary>What the kernel says about one network interface: its index, MAC and IPv4 address.</summary>
public sealed record InterfaceInfo(string Name, int Index, MacAddress Mac, bool IsUp, Ipv4Address? Address, int PrefixLength)
{
    /// <summary>The interface's own subnet, or null when it has no IPv4 address.</summary>
    public Ipv4Subnet? Subnet => Address is { } address ? new Ipv4Subnet(address, PrefixLength) : null;

    /// <summary>
    /// Reads the interface through the classic socket ioctls (SIOCGIF*), which need no privileges.
    /// Throws <see cref="LinuxException"/> with ENODEV when there is no such interface.
    /// </summary>
    public static unsafe InterfaceInfo Query(string name)
    {
        if (name.Length == 0 || Encoding.UTF8.GetByteCount(name) >= IfReq.NameSize || name.Contains('/') || name.Contains('\0'))
        {
            throw new LinuxException("find interface", name, Libc.ENODEV);
        }
        int fd = Libc.socket(Libc.AF_INET, Libc.SOCK_DGRAM | Libc.SOCK_CLOEXEC, 0);
        if (fd < 0)
        {
            throw LinuxException.FromLastError("open a socket to query interface", name);
        }
        try
        {
            IfReq request = NewRequest(name);
            Ioctl(fd, Libc.SIOCGIFINDEX, ref request, "find interface", name);
            int index = request.IfIndex;

            request = NewRequest(name);
            Ioctl(fd, Libc.SIOCGIFFLAGS, ref request, "read the flags of interface", name);
            bool isUp = (request.Flags & Libc.IFF_UP) != 0;

            request = NewRequest(name);
            Ioctl(fd, Libc.SIOCGIFHWADDR, ref request, "read the MAC address of interface", name);
            if (request.AddressFamily != Libc.ARPHRD_ETHER)
            {
                throw new InvalidOperationException($"Interface '{name}' is not an Ethernet interface (hardware type {request.AddressFamily}); ARP sweeps need Ethernet or Wi-Fi.");
            }
            MacAddress mac = MacAddress.Read(new ReadOnlySpan<byte>(request.AddressData, MacAddress.Length));

            request = NewRequest(name);
            if (Libc.ioctl(fd, Libc.SIOCGIFADDR, &request) < 0)
            {
                // EADDRNOTAVAIL: up but no IPv4 address yet (DHCP pending); not an error here.
                int errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
                if (errno != Libc.EADDRNOTAVAIL)
                {
                    throw new LinuxException("read the IPv4 address of interface", name, errno);
                }
                return new InterfaceInfo(name, index, mac, isUp, null, 0);
            }
            Ipv4Address address = Ipv4Address.Read(new ReadOnlySpan<byte>(request.AddressData + 2, Ipv4Address.Length));

            request = NewRequest(name);
            Ioctl(fd, Libc.SIOCGIFNETMASK, ref request, "read the netmask of interface", name);
            int prefix = Ipv4Subnet.PrefixLengthOf(Ipv4Address.Read(new ReadOnlySpan<byte>(request.AddressData + 2, Ipv4Address.Length)));
            return new InterfaceInfo(name, index, mac, isUp, address, prefix < 0 ? 32 : prefix);
        }
        finally
        {
            Libc.close(fd);
        }
    }

    private static unsafe IfReq NewRequest(string name)
    {
        IfReq request = default;
        Encoding.UTF8.GetBytes(name, new Span<byte>(request.Name, IfReq.NameSize - 1));
        return request;
    }

    private static unsafe void Ioctl(int fd, uint command, ref IfReq request, string operation, string name)
    {
        fixed (IfReq* pointer = &request)
        {
            if (Libc.ioctl(fd, command, pointer) < 0)
            {
                throw LinuxException.FromLastError(operation, name);
            }
        }
    }
}
