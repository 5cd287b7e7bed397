using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;

namespace Footfall.LabTests.Support;

/// <summary>
/// A long-running program inside a namespace (a broker, or a subscriber such as mosquitto_sub), its output
/// collected line by line. Disposing kills it.
/// </summary>
public sealed class NetnsProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private NetnsProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public IReadOnlyCollection<string> Lines => _lines;

    public bool HasExited => _process.HasExited;

    public static NetnsProcess Start(string netns, string program, params string[] arguments)
    {
        var info = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in (string[])["netns", "exec", netns, program, .. arguments])
        {
            info.ArgumentList.Add(argument);
        }
        return new NetnsProcess(Process.Start(info)!);
    }

    /// <summary>Waits until <paramref name="count"/> lines satisfy <paramref name="match"/>; returns them.</summary>
    public IReadOnlyList<string> WaitForLines(Func<string, bool> match, int count, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            List<string> found = [.. _lines.Where(match)];
            if (found.Count >= count)
            {
                return found;
            }
            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"no {what} within {timeout.TotalSeconds} s; heard:\n{string.Join('\n', _lines)}");
            }
            Thread.Sleep(50);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
    }
}

/// <summary>Debian's mosquitto on the lab appliance's loopback, with its own directory and port.</summary>
public sealed class Mosquitto : IDisposable
{
    private readonly string _netns;
    private readonly string _config;
    private readonly string[] _login;
    private NetnsProcess? _broker;

    /// <param name="bind">The address it listens on in the lab appliance's namespace (another lab's appliance may reach it over a link of its own).</param>
    public Mosquitto(Lab lab, string directory, int port, string? user = null, string? password = null, string bind = "127.0.0.1")
    {
        _netns = lab.AppNamespace;
        Port = port;
        _login = user is null ? [] : ["-u", user, "-P", password!];
        Directory.CreateDirectory(directory);
        _config = Path.Combine(directory, "mosquitto.conf");
        // Started as root, mosquitto would drop to its own user, who cannot read the test's private directory.
        var lines = new List<string> { $"listener {port} {bind}", "persistence false", "log_dest stdout", "user root" };
        if (user is not null)
        {
            string passwords = Path.Combine(directory, "passwords");
            RunResult made = Run.Program("mosquitto_passwd", "-b", "-c", passwords, user, password!);
            Assert.True(made.ExitCode == 0, made.Stderr);
            lines.AddRange(["allow_anonymous false", $"password_file {passwords}"]);
        }
        else
        {
            lines.Add("allow_anonymous true");
        }
        File.WriteAllLines(_config, lines);
        Start();
    }

    public int Port { get; }

    public void Start()
    {
        _broker = NetnsProcess.Start(_netns, "mosquitto", "-c", _config);
        Lab.WaitForPort(_netns, Port);
    }

    public void Stop()
    {
        _broker?.Dispose();
        _broker = null;
    }

    /// <summary>mosquitto_sub on <paramref name="topic"/>, "topic payload" per line, from now on.</summary>
    public NetnsProcess Subscribe(string topic, params string[] extra) =>
        NetnsProcess.Start(_netns, "mosquitto_sub", ["-h", "127.0.0.1", "-p", Port.ToString(), "-t", topic, "-v", "-q", "1", .. _login, .. extra]);

    /// <summary>What the broker holds retained under <paramref name="topic"/>: topic → payload.</summary>
    public Dictionary<string, string> Retained(string topic)
    {
        RunResult sub = Run.Program("ip", ["netns", "exec", _netns, "mosquitto_sub", "-h", "127.0.0.1", "-p", Port.ToString(),
            "-t", topic, "-v", "--retained-only", "-W", "2", .. _login]);
        // -W ends it with code 27 once nothing more comes: that is the normal end here.
        Assert.True(sub.ExitCode is 0 or 27, sub.Stderr);
        var held = new Dictionary<string, string>();
        foreach (string line in sub.StdoutLines)
        {
            int space = line.IndexOf(' ');
            held[space < 0 ? line : line[..space]] = space < 0 ? "" : line[(space + 1)..];
        }
        return held;
    }

    public void Dispose() => Stop();
}

/// <summary>Debian's redis-server on the lab appliance's loopback, with its own directory and port.</summary>
public sealed class RedisServer : IDisposable
{
    private readonly string _netns;
    private readonly string _directory;
    private readonly string? _password;
    private NetnsProcess? _server;

    public RedisServer(Lab lab, string directory, int port, string? password = null)
    {
        _netns = lab.AppNamespace;
        _directory = directory;
        _password = password;
        Port = port;
        Directory.CreateDirectory(directory);
        Start();
    }

    public int Port { get; }

    public void Start()
    {
        string[] auth = _password is null ? [] : ["--requirepass", _password];
        _server = NetnsProcess.Start(_netns, "redis-server",
            ["--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", _directory, .. auth]);
        Lab.WaitForPort(_netns, Port);
    }

    public void Stop()
    {
        _server?.Dispose();
        _server = null;
    }

    /// <summary>redis-cli with the server's address (and password) in front of <paramref name="arguments"/>.</summary>
    public RunResult Cli(params string[] arguments)
    {
        string[] auth = _password is null ? [] : ["-a", _password, "--no-auth-warning"];
        return Run.Program("ip", ["netns", "exec", _netns, "redis-cli", "-h", "127.0.0.1", "-p", Port.ToString(), .. auth, .. arguments]);
    }

    /// <summary>redis-cli SUBSCRIBE: each message's payload is a line of its own (with --raw).</summary>
    public NetnsProcess Subscribe(string channel)
    {
        string[] auth = _password is null ? [] : ["-a", _password, "--no-auth-warning"];
        NetnsProcess sub = NetnsProcess.Start(_netns, "redis-cli", ["-h", "127.0.0.1", "-p", Port.ToString(), .. auth, "--raw", "SUBSCRIBE", channel]);
        sub.WaitForLines(l => l == channel, 1, TimeSpan.FromSeconds(10), $"the subscription to {channel}");
        return sub;
    }

    public void Dispose() => Stop();
}
