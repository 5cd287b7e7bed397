namespace Footfall.LabTests.Support;

/// <summary>
/// What the appliance's side of a lab can ask a device with standard tools, to see how it behaves: broadcast
/// ARP (arping, as a sweep asks), unicast ARP (arp-scan --destaddr, as a departure check asks) and a unicast
/// UDP packet to the mDNS port (what wakes a sleeping iPhone).
/// </summary>
public static class Probe
{
    /// <summary>
    /// One broadcast ARP request for <paramref name="ip"/>; true if it was answered within a second. arping takes any
    /// reply to the app's address as its answer, so a footfall running in the lab must be stopped first.
    /// </summary>
    public static bool BroadcastArp(Lab lab, string ip) =>
        lab.InApp("arping", "-q", "-c", "1", "-w", "1", "-I", "lab0", ip).ExitCode == 0;

    /// <summary>One ARP request sent to <paramref name="mac"/> only; true if it was answered within half a second.</summary>
    public static bool UnicastArp(Lab lab, string ip, string mac)
    {
        RunResult scan = lab.InApp("arp-scan", "-q", "-x", "-I", "lab0", $"--destaddr={mac}", "-r", "1", "-t", "500", ip);
        Assert.True(scan.ExitCode == 0, $"arp-scan failed ({scan.ExitCode}): {scan.Stderr}");
        return scan.StdoutLines.Any(line => line.StartsWith(ip + "\t", StringComparison.Ordinal));
    }

    /// <summary>
    /// One UDP datagram to <paramref name="ip"/>:5353, framed for <paramref name="mac"/> directly: the appliance's
    /// kernel gets the neighbour entry for that one send, since a sleeping phone would not answer its ARP.
    /// </summary>
    public static void UnicastMdns(Lab lab, string ip, string mac)
    {
        RunResult sent = lab.InApp("bash", "-c",
            $"ip neigh replace {ip} lladdr {mac} dev lab0 nud permanent && " +
            $"printf 'wake' >/dev/udp/{ip}/5353; rc=$?; ip neigh del {ip} dev lab0; exit $rc");
        Assert.True(sent.ExitCode == 0, $"could not send to {ip}:5353: {sent.Stderr}");
    }
}
