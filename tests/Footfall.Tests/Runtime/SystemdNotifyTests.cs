using System.Net;
using System.Net.Sockets;
using System.Text;
using Footfall.Runtime;
using Footfall.Tests.Support;

namespace Footfall.Tests.Runtime;

/// <summary>sd_notify: the messages, and what a real unix datagram socket bound where NOTIFY_SOCKET points receives.</summary>
public sealed class SystemdNotifyTests
{
    private static readonly HealthVerdict s_healthy = new(true, [], []);
    private static readonly HealthVerdict s_late = new(false, ["no sweep for 41 s (expected every 40 s)"], []) { Late = ["sweep"] };

    private readonly StringWriter _logText = new();
    private readonly Log _log;

    public SystemdNotifyTests() => _log = new Log(_logText, new ManualClock(), journal: true);

    [Fact]
    public void TheStatusIsHealthyOrUnhealthyWithTheReasonsOnOneLine()
    {
        Assert.Equal("STATUS=healthy", SystemdNotify.Status(s_healthy with { Problems = ["clock not synchronised"] }));
        var two = new HealthVerdict(false, ["no sweep for 41 s (expected every 40 s)", "worker tracker is not running\nagain"], []);
        Assert.Equal("STATUS=unhealthy: no sweep for 41 s (expected every 40 s); worker tracker is not running again", SystemdNotify.Status(two));
        Assert.Equal("READY=1\nSTATUS=healthy", SystemdNotify.Message(s_healthy, first: true));
    }

    [Fact]
    public void ALongStatusIsCutToItsLimit()
    {
        var many = new HealthVerdict(false, [.. Enumerable.Range(1, 40).Select(i => $"worker w{i} is not running")], []);
        string status = SystemdNotify.Status(many);
        Assert.Equal("STATUS=".Length + SystemdNotify.StatusLimit, status.Length);
        Assert.StartsWith("STATUS=unhealthy: worker w1 is not running; worker w2", status);
        Assert.EndsWith("...", status);
    }

    [Fact]
    public void AGrowingCountOfSecondsIsNoNewMeaningButAnotherLateKindIs()
    {
        HealthVerdict later = s_late with { Reasons = ["no sweep for 46 s (expected every 40 s)"] };
        Assert.Equal(SystemdNotify.Meaning(s_late), SystemdNotify.Meaning(later));
        Assert.NotEqual(SystemdNotify.Meaning(s_late), SystemdNotify.Meaning(s_late with { Late = ["sweep", "store commit"] }));
        Assert.NotEqual(SystemdNotify.Meaning(s_late), SystemdNotify.Meaning(s_late with { Late = [], Stopped = ["sweep"] }));
        Assert.NotEqual(SystemdNotify.Meaning(s_late), SystemdNotify.Meaning(s_healthy));
    }

    [Fact]
    public void AnAtSignNamesAnAbstractSocket()
    {
        // sockaddr_un: the family's two bytes, then the path; an abstract name's starts with a NUL byte.
        SocketAddress @abstract = SystemdNotify.Address("@footfall/notify").Serialize();
        Assert.Equal("\0footfall/notify", Encoding.ASCII.GetString([.. Enumerable.Range(2, "@footfall/notify".Length).Select(i => @abstract[i])]));
        Assert.Equal((byte)'/', SystemdNotify.Address("/run/systemd/notify").Serialize()[2]);
    }

    [Fact]
    public void SystemdHearsReadyThenEachChangeOfMeaningOnlyOnce()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("notify");
        using Socket systemd = Listen(path);
        using var notify = new SystemdNotify(path, _log);

        notify.Tell(s_healthy);
        Assert.Equal("READY=1\nSTATUS=healthy", Receive(systemd));
        notify.Tell(s_healthy);
        notify.Tell(s_late);
        Assert.Equal("STATUS=unhealthy: no sweep for 41 s (expected every 40 s)", Receive(systemd));
        notify.Tell(s_late with { Reasons = ["no sweep for 46 s (expected every 40 s)"] });
        notify.Tell(s_healthy);
        Assert.Equal("STATUS=healthy", Receive(systemd));
        Assert.Equal(0, systemd.Available);
        Assert.Empty(_logText.ToString());
    }

    [Fact]
    public void AnAbstractSocketHearsItToo()
    {
        string name = $"@footfall-test-{Guid.NewGuid():N}";
        using Socket systemd = Listen("\0" + name[1..]);
        using var notify = new SystemdNotify(name, _log);
        notify.Tell(s_late);
        Assert.Equal("READY=1\nSTATUS=unhealthy: no sweep for 41 s (expected every 40 s)", Receive(systemd));
    }

    [Fact]
    public void NobodyListeningIsLoggedOnceAndReadyIsSentOnceSomebodyIs()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("notify");
        using var notify = new SystemdNotify(path, _log);
        notify.Tell(s_healthy);
        notify.Tell(s_late);
        notify.Tell(s_healthy);
        string[] lines = _logText.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith($"<4>systemd: cannot tell it footfall's health on {path}: ", Assert.Single(lines));

        using Socket systemd = Listen(path);
        notify.Tell(s_healthy);
        Assert.Equal("READY=1\nSTATUS=healthy", Receive(systemd));
    }

    private static Socket Listen(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified) { ReceiveTimeout = 5000 };
        socket.Bind(new UnixDomainSocketEndPoint(path));
        return socket;
    }

    private static string Receive(Socket socket)
    {
        var buffer = new byte[4096];
        return Encoding.UTF8.GetString(buffer, 0, socket.Receive(buffer));
    }
}
