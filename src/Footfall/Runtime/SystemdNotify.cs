using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Footfall.Runtime;

/// <summary>
/// Tells systemd the health verdict through the sd_notify protocol, for whoever asks it (the image's
/// update commit waits for footfall to have been healthy a while, page or no page): a datagram to the
/// unix socket named by NOTIFY_SOCKET (a path, or '@' and an abstract name), READY=1 with the first
/// verdict, then STATUS=healthy or STATUS=unhealthy: why, each time the verdict means something else.
/// Only told, never asked: it adds no timer of its own. A failed send is logged once and otherwise ignored.
/// </summary>
public sealed class SystemdNotify : IDisposable
{
    public const string EnvironmentVariable = "NOTIFY_SOCKET";

    /// <summary>The most characters STATUS= carries: one line that `systemctl status` shows whole.</summary>
    public const int StatusLimit = 400;

    private readonly string _name;
    private readonly EndPoint _address;
    private readonly Log _log;
    private Socket? _socket;
    private string? _said;
    private bool _failing;

    public SystemdNotify(string notifySocket, Log log)
    {
        _name = notifySocket;
        _address = Address(notifySocket);
        _log = log;
    }

    /// <summary>A notifier for NOTIFY_SOCKET, or null when systemd gave none (not a service, or one that hears nothing).</summary>
    public static SystemdNotify? FromEnvironment(Log log) =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 1 } socket ? new SystemdNotify(socket, log) : null;

    /// <summary>The socket's address: a path, or for '@' an abstract name (a leading NUL byte).</summary>
    public static EndPoint Address(string notifySocket) =>
        new UnixDomainSocketEndPoint(notifySocket.StartsWith('@') ? "\0" + notifySocket[1..] : notifySocket);

    /// <summary>"STATUS=healthy", or "STATUS=unhealthy: " and the reasons, on one line of at most <see cref="StatusLimit"/> characters after "STATUS=".</summary>
    public static string Status(HealthVerdict verdict)
    {
        string status = verdict.Healthy ? "healthy" : $"unhealthy: {string.Join("; ", verdict.Reasons).ReplaceLineEndings(" ")}";
        if (status.Length > StatusLimit)
        {
            int cut = StatusLimit - 3;
            status = status[..(char.IsHighSurrogate(status[cut - 1]) ? cut - 1 : cut)] + "...";
        }
        return $"STATUS={status}";
    }

    /// <summary>
    /// What the verdict means, as far as systemd is told: healthy, or which progress is late and which workers
    /// stopped. Its reasons count seconds: a count that grows is no news.
    /// </summary>
    public static string Meaning(HealthVerdict verdict) =>
        verdict.Healthy ? "healthy" : $"late {string.Join(',', verdict.Late)}; stopped {string.Join(',', verdict.Stopped)}";

    /// <summary>The datagram for <paramref name="verdict"/>: its status, after READY=1 the first time.</summary>
    public static string Message(HealthVerdict verdict, bool first) => first ? $"READY=1\n{Status(verdict)}" : Status(verdict);

    /// <summary>Tells systemd <paramref name="verdict"/> unless it means what was last told; a send that failed is tried again with the next verdict.</summary>
    public void Tell(HealthVerdict verdict)
    {
        string meaning = Meaning(verdict);
        if (meaning != _said && Send(Message(verdict, first: _said is null)))
        {
            _said = meaning;
        }
    }

    public void Dispose() => _socket?.Dispose();

    private bool Send(string message)
    {
        try
        {
            // Never blocking: a systemd that does not read costs footfall a lost status, not a hang.
            _socket ??= new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified) { Blocking = false };
            _socket.SendTo(Encoding.UTF8.GetBytes(message), SocketFlags.None, _address);
            _failing = false;
            return true;
        }
        catch (SocketException e)
        {
            if (!_failing)
            {
                _log.Warn($"systemd: cannot tell it footfall's health on {_name}: {e.Message}");
                _failing = true;
            }
            return false;
        }
    }
}
