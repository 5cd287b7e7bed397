using Footfall.Interop.Linux;
using Footfall.Net.Linux;
using Footfall.Runtime;

namespace Footfall.Capture;

/// <summary>Finds the interface a command should use, turning kernel answers into messages for people.</summary>
public static class Interfaces
{
    /// <summary>The named interface, or the default route's when <paramref name="name"/> is null.</summary>
    public static InterfaceInfo Resolve(string? name)
    {
        name ??= DefaultRoute.FindInterface()
            ?? throw new UsageException("There is no default route to pick an interface from: name one (--interface, or network.interface in the config).");
        try
        {
            return InterfaceInfo.Query(name);
        }
        catch (LinuxException e) when (e.Errno == Libc.ENODEV)
        {
            throw new UsageException($"There is no network interface '{name}' (see 'ip link' for the list).");
        }
        catch (InvalidOperationException e)
        {
            throw new UsageException(e.Message);
        }
    }
}
