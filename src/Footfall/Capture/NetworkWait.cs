using Footfall.Net.Linux;
using Footfall.Runtime;

namespace Footfall.Capture;

/// <summary>
/// At boot the appliance may start before DHCP has given it an address (or a default route to find its
/// interface by). When footfall is to sweep "its own subnet", it waits for one instead of failing, and
/// says once what it waits for.
/// </summary>
internal static class NetworkWait
{
    private static readonly TimeSpan s_pollEvery = TimeSpan.FromSeconds(2);

    /// <summary>The interface, once it has what the configuration needs; null if asked to stop first.</summary>
    public static InterfaceInfo? Resolve(string? name, bool needsOwnSubnet, Log log, CancellationToken stopping)
    {
        string? said = null;
        while (true)
        {
            string why;
            try
            {
                InterfaceInfo link = Interfaces.Resolve(name);
                if (!needsOwnSubnet || link.Subnet is not null)
                {
                    if (said is not null)
                    {
                        log.Info($"network: {link.Name} has {link.Address}; starting");
                    }
                    return link;
                }
                why = $"{link.Name} has no IPv4 address yet (waiting for DHCP, or list the subnets to sweep in network.subnets)";
            }
            catch (UsageException e) when (name is null)
            {
                // No default route yet: the same wait for DHCP. A named interface that does not exist stays an error.
                why = e.Message;
            }
            if (why != said)
            {
                log.Warn($"network: {why}");
                said = why;
            }
            if (stopping.WaitHandle.WaitOne(s_pollEvery))
            {
                return null;
            }
        }
    }
}
