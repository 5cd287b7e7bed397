namespace Footfall.LabTests.Support;

public sealed record LabDevice(string Name, string Ip, string Mac);

/// <summary>A device as it is now (scripts/lab list): Ip is "-" while it has none, State "up" or "down".</summary>
public sealed record LabDeviceNow(string Name, string Ip, string Mac, string State);

/// <summary>A simulated office built by scripts/lab: a bridge, device namespaces, and the appliance's lab0.</summary>
public sealed class Lab : IDisposable
{
    private Lab(string name, string subnet, IReadOnlyList<LabDevice> devices)
    {
        Name = name;
        Subnet = subnet;
        Devices = devices;
    }

    public string Name { get; }

    public string Subnet { get; }

    public IReadOnlyList<LabDevice> Devices { get; }

    public string AppNamespace => $"ffl-{Name}-app";

    public static Lab Up(string name, string subnet, int devices, params string[] extra)
    {
        Repo.RequireRoot();
        RunResult up = Run.Program(Repo.LabScript, ["-q", "up", name, "--subnet", subnet, "--devices", devices.ToString(), .. extra]);
        Assert.True(up.ExitCode == 0, $"scripts/lab up failed ({up.ExitCode}): {up.Stderr}");
        var table = up.StdoutLines.Select(line => line.Split('\t')).Select(f => new LabDevice(f[0], f[1], f[2])).ToList();
        Assert.Equal(devices, table.Count);
        return new Lab(name, subnet, table);
    }

    public LabDevice this[string name] => Devices.Single(d => d.Name == name);

    /// <summary>Runs a scripts/lab subcommand on this lab, e.g. Do("loss", "all", "20").</summary>
    public void Do(string command, params string[] arguments)
    {
        RunResult result = Run.Program(Repo.LabScript, ["-q", command, Name, .. arguments]);
        Assert.True(result.ExitCode == 0, $"scripts/lab {command} failed ({result.ExitCode}): {result.Stderr}");
    }

    /// <summary>
    /// Gives a device a behaviour of the phone zoo (scripts/lab behave), e.g. Behave("d1", "sleepy", "--idle", "5").
    /// dhcp-joiner and rotator need a device that has not joined yet (Up with "--down").
    /// </summary>
    public void Behave(string device, string behaviour, params string[] options) =>
        Do("behave", [device, behaviour, .. options]);

    /// <summary>The devices as they are now: a rotator's MAC changes at each rejoin, a dhcp-joiner's IP comes with its lease.</summary>
    public IReadOnlyList<LabDeviceNow> List()
    {
        RunResult list = Run.Program(Repo.LabScript, ["-q", "list", Name]);
        Assert.True(list.ExitCode == 0, $"scripts/lab list failed ({list.ExitCode}): {list.Stderr}");
        return list.StdoutLines.Select(line => line.Split('\t')).Select(f => new LabDeviceNow(f[0], f[1], f[2], f[3])).ToList();
    }

    public string DeviceNamespace(string device) => $"ffl-{Name}-{device}";

    /// <summary>Runs a program (a probe: arping, arp-scan) inside the appliance's namespace.</summary>
    public RunResult InApp(string program, params string[] arguments) =>
        Support.Run.Program("ip", ["netns", "exec", AppNamespace, program, .. arguments]);

    /// <summary>Starts footfall inside the appliance's namespace.</summary>
    public Run.Running StartFootfall(params string[] arguments) =>
        Support.Run.Start("ip", ["netns", "exec", AppNamespace, Repo.Footfall, .. arguments]);

    public RunResult Footfall(params string[] arguments) => StartFootfall(arguments).Wait();

    public void Dispose() => Run.Program(Repo.LabScript, ["-q", "down", Name]);

    /// <summary>Waits until something listens on <paramref name="port"/> on the loopback of namespace <paramref name="netns"/>.</summary>
    public static void WaitForPort(string netns, int port)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (Run.Program("ip", "netns", "exec", netns, "ss", "-Htln", $"sport = :{port}").Stdout.Trim().Length == 0)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(10))
            {
                Assert.Fail($"nothing listens on port {port} in {netns} after 10 s");
            }
            Thread.Sleep(50);
        }
    }
}
