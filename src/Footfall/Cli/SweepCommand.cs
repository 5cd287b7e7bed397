using System.CommandLine;
using Footfall.Capture;
using Footfall.Net;
using Footfall.Net.Linux;
using Footfall.Runtime;
using Footfall.Sweep;
using Footfall.Text;

namespace Footfall.Cli;

/// <summary>`footfall sweep`: one ARP sweep, arp-scan style: "IP\tMAC" per host on stdout, a summary on stderr.</summary>
public static class SweepCommand
{
    public static Command Create()
    {
        var interfaceOption = new Option<string?>("--interface", "-i")
        {
            Description = "Interface to sweep from (default: the interface of the default route).",
            HelpName = "IF",
        };
        var rateOption = new Option<int>("--rate")
        {
            Description = $"Requests per second (1-{SweepOptions.MaximumRate}).",
            DefaultValueFactory = _ => new SweepOptions().RatePerSecond,
        };
        var retriesOption = new Option<int>("--retries")
        {
            Description = $"Extra passes for addresses that did not answer (0-{SweepOptions.MaximumRetries}).",
            DefaultValueFactory = _ => new SweepOptions().Retries,
        };
        var waitOption = new Option<string>("--wait")
        {
            Description = "How long to wait for replies after the last pass, e.g. 80ms, 2s.",
            DefaultValueFactory = _ => HumanDuration.Format(new SweepOptions().FinalWait),
            HelpName = "DURATION",
        };
        var writeOption = new Option<string?>("--write", "-w")
        {
            Description = "Also record every ARP frame received into this pcap file (for footfall replay, tcpdump or Wireshark).",
            HelpName = "FILE.pcap",
        };
        var subnetsArgument = new Argument<string[]>("CIDR")
        {
            Description = "Subnets to sweep, e.g. 192.168.1.0/24 (up to /16 each). Default: the interface's own subnet.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command("sweep", "Sweep the LAN once with ARP and list who answered: one 'IP<TAB>MAC' line per host on stdout, a summary on stderr. Needs CAP_NET_RAW (root).")
        {
            interfaceOption, rateOption, retriesOption, waitOption, writeOption, subnetsArgument,
        };
        command.SetAction(parse => Run(
            parse.GetValue(interfaceOption),
            parse.GetValue(subnetsArgument) ?? [],
            parse.GetValue(rateOption),
            parse.GetValue(retriesOption),
            parse.GetValue(waitOption)!,
            parse.GetValue(writeOption)));
        return command;
    }

    private static int Run(string? interfaceName, string[] cidrs, int rate, int retries, string waitText, string? writePath)
    {
        if (rate is < 1 or > SweepOptions.MaximumRate)
        {
            throw new UsageException($"--rate must be between 1 and {SweepOptions.MaximumRate} requests per second, not {rate}.");
        }
        if (retries is < 0 or > SweepOptions.MaximumRetries)
        {
            throw new UsageException($"--retries must be between 0 and {SweepOptions.MaximumRetries}, not {retries}.");
        }
        if (!HumanDuration.TryParse(waitText, out TimeSpan wait) || wait > TimeSpan.FromMinutes(1))
        {
            throw new UsageException($"--wait '{waitText}' is not a duration up to 1m like 80ms or 2s.");
        }
        var subnets = new List<Ipv4Subnet>();
        foreach (string cidr in cidrs)
        {
            if (cidr.StartsWith('-'))
            {
                throw new UsageException($"Unknown option '{cidr}' (see footfall sweep --help).");
            }
            if (!Ipv4Subnet.TryParse(cidr, out Ipv4Subnet subnet))
            {
                throw new UsageException($"'{cidr}' is not an IPv4 subnet in CIDR form such as 192.168.1.0/24.");
            }
            if (SweepTargets.WhyTooWide(subnet) is { } tooWide)
            {
                throw new UsageException(tooWide);
            }
            subnets.Add(subnet);
        }

        InterfaceInfo link = Interfaces.Resolve(interfaceName);
        if (subnets.Count == 0)
        {
            subnets.Add(link.Subnet ?? throw new UsageException($"Interface '{link.Name}' has no IPv4 address, so it has no subnet of its own: name the subnets to sweep, e.g. footfall sweep -i {link.Name} 192.168.1.0/24."));
        }
        if (!SweepTargets.TryCreate(subnets, link.Address, out SweepTargets targets, out string error))
        {
            throw new UsageException(error);
        }
        if (!link.IsUp)
        {
            Console.Error.WriteLine($"footfall: interface '{link.Name}' is down; bring it up first (e.g. ip link set {link.Name} up).");
            return ExitCodes.RuntimeFailure;
        }

        CaptureRecorder? recorder = null;
        if (writePath is not null)
        {
            try
            {
                // One sweep never fills a file: no rotation.
                recorder = CaptureRecorder.Create(writePath, long.MaxValue, problem => Console.Error.WriteLine($"footfall: {problem}"));
            }
            catch (CaptureFileException e)
            {
                throw new UsageException(e.Message);
            }
        }
        PcapLink socket;
        try
        {
            socket = PcapLink.Open(link, recorder);
        }
        catch (CaptureException e)
        {
            recorder?.Dispose();
            Console.Error.WriteLine($"footfall: {(e.PermissionDenied ? PcapLink.MissingCapabilityMessage : e.Message)}");
            return ExitCodes.RuntimeFailure;
        }
        using (recorder)
        using (socket)
        {
            var options = new SweepOptions { RatePerSecond = rate, Retries = retries, FinalWait = wait };
            var sweeper = new Sweeper(socket, link.Mac, link.Address ?? Ipv4Address.Any, TimeProvider.System);
            var results = new SweepResults();
            sweeper.Sweep(targets, options, results);
            WriteHosts(results);
            Console.Error.WriteLine(
                $"footfall: {results.Found} of {targets.Count} addresses answered on {link.Name} ({string.Join(", ", subnets)}) in {results.Elapsed.TotalSeconds:0.000} s; {results.RequestsSent} requests sent.");
        }
        return ExitCodes.Success;
    }

    private static void WriteHosts(SweepResults results)
    {
        using var stdout = new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false), 64 * 1024) { NewLine = "\n" };
        Span<char> line = stackalloc char[15 + 1 + 17];
        foreach ((Ipv4Address ip, MacAddress mac) in results.Hosts())
        {
            ip.TryFormat(line, out int length);
            line[length++] = '\t';
            mac.TryFormat(line[length..], out int macLength);
            stdout.WriteLine(line[..(length + macLength)]);
        }
    }
}
