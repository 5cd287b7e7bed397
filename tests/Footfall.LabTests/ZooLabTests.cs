using System.Diagnostics;
using Footfall.LabTests.Support;

namespace Footfall.LabTests;

/// <summary>
/// The phone zoo of scripts/lab (`behave`), probed from the appliance's side with real tools: each behaviour does
/// to real packets what its help says, so that footfall's tests against it mean something.
/// </summary>
public class ZooLabTests
{
    [Fact]
    public void ASleepyPhoneAnswersUnicastArpOnlyForAWhileAfterAPacketToMdns()
    {
        using Lab lab = Lab.Up("zoosl", "10.151.0.0/24", 1);
        LabDevice phone = lab["d1"];
        var sinceBehave = Stopwatch.StartNew();
        lab.Behave(phone.Name, "sleepy", "--idle", "2", "--wake", "4");
        Assert.True(Probe.BroadcastArp(lab, phone.Ip), "with its screen on it answers a sweep");

        SleepUntil(sinceBehave, 2.5);
        Assert.False(Probe.BroadcastArp(lab, phone.Ip), "asleep, it ignores broadcast ARP");
        Assert.False(Probe.UnicastArp(lab, phone.Ip, phone.Mac), "asleep and not woken, it ignores unicast ARP");

        var sinceWake = Stopwatch.StartNew();
        Probe.UnicastMdns(lab, phone.Ip, phone.Mac);
        // The window opened somewhere between these two clocks (starting a process in a namespace takes a while on a
        // busy machine): it must still be open by the first, and over by the second with a margin.
        var sinceSent = Stopwatch.StartNew();
        Assert.True(Probe.UnicastArp(lab, phone.Ip, phone.Mac), "woken by mDNS, it answers unicast ARP");
        Assert.False(Probe.BroadcastArp(lab, phone.Ip), "woken, it still ignores broadcast ARP");
        Assert.True(sinceWake.Elapsed < TimeSpan.FromSeconds(4), "the probes took longer than the wake window");

        SleepUntil(sinceSent, 5.5);
        Assert.False(Probe.UnicastArp(lab, phone.Ip, phone.Mac), "the wake window is over");
    }

    [Fact]
    public void ADozingPhoneAnswersNothingOutsideItsBurstAndOpensTheBurstWithItsOwnArp()
    {
        using Lab lab = Lab.Up("zoodz", "10.152.0.0/24", 1);
        LabDevice phone = lab["d1"];
        var sinceBehave = Stopwatch.StartNew();
        lab.Behave(phone.Name, "dozing", "--quiet", "60", "--burst", "4", "--first", "3");
        Assert.False(Probe.BroadcastArp(lab, phone.Ip), "dozing, it ignores broadcast ARP");
        Assert.False(Probe.UnicastArp(lab, phone.Ip, phone.Mac), "dozing, it ignores unicast ARP");

        bool answered = false;
        IReadOnlyList<string> wire = Tcpdump.OnLab0(lab, $"arp and ether src {phone.Mac}", 5, () =>
        {
            while (!answered && sinceBehave.Elapsed < TimeSpan.FromSeconds(6))
            {
                answered = Probe.BroadcastArp(lab, phone.Ip);
            }
        });
        Assert.True(answered, "it answers in its maintenance window");
        Assert.True(sinceBehave.Elapsed > TimeSpan.FromSeconds(2), "it answered before its window");
        Assert.Contains(wire, line => line.Contains("Request who-has 10.152.0.1", StringComparison.Ordinal));

        SleepUntil(sinceBehave, 10);
        Assert.False(Probe.BroadcastArp(lab, phone.Ip), $"the window is over ({sinceBehave.Elapsed.TotalSeconds:F1} s): " +
            Run.Program("ip", "netns", "exec", lab.DeviceNamespace(phone.Name), "nft", "list", "ruleset").Stdout);
    }

    [Fact]
    public void ADhcpJoinerAsksDhcpWithItsHostnameBeforeItSendsAnyArp()
    {
        using Lab lab = Lab.Up("zoodh", "10.153.0.0/24", 2, "--down");
        LabDevice phone = lab["d2"];
        lab.Behave(phone.Name, "dhcp-joiner", "--hostname", "alice-iphone");
        Assert.Equal("-", lab.List().Single(d => d.Name == phone.Name).Ip);

        IReadOnlyList<string> wire = Tcpdump.OnLab0(lab, $"ether src {phone.Mac}", 3, () => lab.Do("join", phone.Name));

        int discover = Tcpdump.IndexOf(wire, "DHCP-Message (53), length 1: Discover");
        int request = Tcpdump.IndexOf(wire, "DHCP-Message (53), length 1: Request");
        int arp = Tcpdump.IndexOf(wire, "ethertype ARP");
        Assert.True(discover >= 0 && request > discover, string.Join('\n', wire));
        Assert.True(arp > request, "its first ARP comes after the DHCP exchange:\n" + string.Join('\n', wire));
        Assert.Contains(wire, line => line.Contains("Hostname (12), length 12: \"alice-iphone\"", StringComparison.Ordinal));
        Assert.Contains(wire, line => line.Contains($"Client-ID (61), length 7: ether {phone.Mac}", StringComparison.Ordinal));

        Assert.Equal(phone.Ip, lab.List().Single(d => d.Name == phone.Name).Ip);
        Assert.True(Probe.BroadcastArp(lab, phone.Ip), "with its lease it answers ARP");
    }

    [Fact]
    public void ARotatorComesBackWithANewLocalMacButItsHostnameAndAddress()
    {
        using Lab lab = Lab.Up("zooro", "10.154.0.0/24", 1, "--down");
        LabDevice phone = lab["d1"];
        lab.Behave(phone.Name, "rotator", "--hostname", "bobs-pixel");
        lab.Do("join", phone.Name);
        Assert.Equal(phone.Mac, lab.List().Single().Mac);
        lab.Do("leave", phone.Name);

        IReadOnlyList<string> wire = Tcpdump.OnLab0(lab, "udp port 67 or arp", 3, () => lab.Do("join", phone.Name));

        LabDeviceNow now = lab.List().Single();
        Assert.NotEqual(phone.Mac, now.Mac);
        int first = Convert.ToInt32(now.Mac[..2], 16);
        Assert.True((first & 3) == 2, $"{now.Mac} is not a locally administered unicast MAC");
        Assert.Equal(phone.Ip, now.Ip);
        Assert.Contains(wire, line => line.Contains($"{now.Mac} > ff:ff:ff:ff:ff:ff", StringComparison.Ordinal));
        Assert.Contains(wire, line => line.Contains("Hostname (12), length 10: \"bobs-pixel\"", StringComparison.Ordinal));
        Assert.DoesNotContain(wire, line => line.Contains(phone.Mac + " >", StringComparison.Ordinal));
        Assert.True(Probe.UnicastArp(lab, phone.Ip, now.Mac), "it answers with its new MAC");
    }

    [Fact]
    public void AnIpv6ChattyDeviceSolicitsNeighboursButIgnoresArp()
    {
        using Lab lab = Lab.Up("zoo6", "10.155.0.0/24", 1);
        LabDevice phone = lab["d1"];
        IReadOnlyList<string> wire = Tcpdump.OnLab0(lab, $"icmp6 and ether src {phone.Mac}", 5,
            () => lab.Behave(phone.Name, "ipv6-chatty", "--every", "2"));

        Assert.Contains(wire, line => line.Contains("neighbor solicitation", StringComparison.Ordinal) &&
                                      line.EndsWith("who has fdff::1", StringComparison.Ordinal));
        Assert.Contains(wire, line => line.Contains("neighbor advertisement", StringComparison.Ordinal) &&
                                      line.Contains("tgt is fdff::a9b:2,", StringComparison.Ordinal));
        Assert.False(Probe.BroadcastArp(lab, phone.Ip), "its IPv4 side stays quiet");
    }

    [Fact]
    public void BadBehavioursAndOptionsAreUsageErrors()
    {
        Repo.RequireRoot();
        foreach (string[] arguments in (string[][])[
                     ["behave", "zoobad", "d1", "purring"],
                     ["behave", "zoobad", "d1", "sleepy", "--idle", "soon"],
                     ["behave", "zoobad", "d1", "sleepy", "--burst", "3"],
                     ["behave", "zoobad", "d1", "dhcp-joiner", "--hostname", "no spaces"],
                     ["behave", "zoobad", "all", "sleepy"]])
        {
            RunResult result = Run.Program(Repo.LabScript, arguments);
            Assert.True(result.ExitCode == 2, $"{string.Join(' ', arguments)}: exit {result.ExitCode}: {result.Stderr}");
            Assert.Contains("see scripts/lab --help", result.Stderr);
        }
    }

    private static void SleepUntil(Stopwatch since, double seconds)
    {
        TimeSpan left = TimeSpan.FromSeconds(seconds) - since.Elapsed;
        if (left > TimeSpan.Zero)
        {
            Thread.Sleep(left);
        }
    }
}
