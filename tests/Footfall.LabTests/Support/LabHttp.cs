using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Footfall.LabTests.Support;

/// <summary>
/// HTTP to a server inside a lab namespace (the appliance's loopback): every socket is opened in that
/// namespace (<see cref="Netns"/>), so the test process itself stays where it is.
/// </summary>
public static class LabHttp
{
    /// <summary>An HttpClient whose connections are made inside <paramref name="netns"/>.</summary>
    public static HttpClient Client(string netns, Uri baseAddress) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancel) =>
        {
            Socket socket = Socket(netns);
            try
            {
                await socket.ConnectAsync(context.DnsEndPoint, cancel);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>A TCP socket that lives in <paramref name="netns"/>.</summary>
    public static Socket Socket(string netns) => Netns.Enter(netns, () => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));

    /// <summary>
    /// One request exactly as written (no client tidies the target: "/../x" and "%2f" reach the server),
    /// and the status code of the answer.
    /// </summary>
    public static int RawStatus(string netns, IPEndPoint server, string method, string target)
    {
        using Socket socket = Socket(netns);
        socket.ReceiveTimeout = 10_000;
        socket.Connect(server);
        socket.Send(Encoding.ASCII.GetBytes($"{method} {target} HTTP/1.1\r\nHost: footfall.local\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"));
        var buffer = new byte[256];
        int read = socket.Receive(buffer);
        string head = Encoding.ASCII.GetString(buffer, 0, read);
        Assert.StartsWith("HTTP/1.1 ", head);
        return int.Parse(head.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture);
    }
}
