using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Footfall.LabTests.Support;
using Footfall.Testing;

namespace Footfall.LabTests;

/// <summary>
/// The status page over real HTTP from `footfall run` in a lab office: read-only, locked-down headers,
/// no path tricks, no secrets, the API in the command line's shapes, and a client that never reads
/// holds up nothing. Ports 18080-18099 on the appliance namespace's loopback.
/// </summary>
public sealed class StatusPageLabTests
{
    private static readonly string[] s_paths = ["/", "/api/who", "/api/log", "/api/health", "/assets/status.css", "/assets/status.js", "/assets/icon.svg", "/nope", "/api/devices"];

    [Fact]
    public async Task EveryAnswerIsReadOnlyLockedDownAndFreeOfSecretsAndDevices()
    {
        using Lab lab = Lab.Up("sthead", "10.122.0.0/24", 3);
        using var office = new StatusOffice(lab, 18081);
        using DaemonProcess daemon = office.StartAndWait();
        daemon.WaitForEvent(e => e is { Kind: "arrived", Person: "Carol" }, TimeSpan.FromSeconds(20), "Carol's arrival");
        using HttpClient http = office.Client();

        foreach (string path in s_paths)
        {
            using HttpResponseMessage response = await http.GetAsync(path);
            string body = await response.Content.ReadAsStringAsync();
            Assert.Equal(path is "/nope" or "/api/devices" ? HttpStatusCode.NotFound : HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
                string.Join(",", response.Headers.GetValues("Content-Security-Policy")));
            Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
            foreach (string secret in FakeX.Secrets.Append(FakeX.ConsumerKey).Append(FakeX.AccessToken))
            {
                Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
            }
            // Without status.showDevices no MAC and no device's address is anywhere.
            foreach (LabDevice device in lab.Devices)
            {
                Assert.DoesNotContain(device.Mac, body, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(device.Ip, body, StringComparison.Ordinal);
            }
        }
        string page = await http.GetStringAsync("/");
        foreach (string name in new[] { "Bob", "Alice", "Carol" })
        {
            Assert.Contains($"<li data-person=\"{name}\">", page);
        }

        foreach (string method in new[] { "POST", "PUT", "DELETE", "PATCH", "OPTIONS" })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), "/api/who");
            using HttpResponseMessage response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
            Assert.Equal(["GET", "HEAD"], response.Content.Headers.Allow);
            Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
        }
        using (var head = new HttpRequestMessage(HttpMethod.Head, "/"))
        using (HttpResponseMessage response = await http.SendAsync(head))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        }

        // Exactly as written, past any client's tidying: dot segments, encoded slashes and dots, backslashes.
        foreach (string target in new[] { "/../etc/passwd", "/assets/../api/who", "/assets/..%2f..%2fetc%2fpasswd", "/api%2Fwho", "/assets/%2e%2e/status.js", "/assets/status.js/..", "/assets\\status.js", "//api/who", "/assets/../../../../etc/shadow" })
        {
            Assert.True(LabHttp.RawStatus(lab.AppNamespace, office.Listen, "GET", target) == 404, $"GET {target} was not 404");
        }
        Assert.Equal(405, LabHttp.RawStatus(lab.AppNamespace, office.Listen, "POST", "/"));
        Assert.Equal(0, daemon.Stop().ExitCode);
    }

    [Fact]
    public async Task TheApiGivesWhatTheCommandLineGivesForTheSameDatabase()
    {
        using Lab lab = Lab.Up("stapi", "10.123.0.0/24", 3, "--down");
        lab.Do("join", "d1", "d2");
        using var office = new StatusOffice(lab, 18082, showDevices: true);
        using DaemonProcess daemon = office.StartAndWait();
        lab.Do("join", "d3");
        daemon.WaitForEvent(e => e is { Kind: "arrived", Person: "Carol", Announcement: not null }, TimeSpan.FromSeconds(20), "Carol's arrival");
        using HttpClient http = office.Client();

        // The daemon keeps writing (last seen, devices): compare until one read of each matches.
        AssertSame(http, "/api/who", "who", "--json");
        AssertSame(http, "/api/log?limit=1000", "log", "--json", "-n", "1000");
        AssertSame(http, "/api/log?since=1h&limit=2", "log", "--json", "--since", "1h", "-n", "2");
        AssertSame(http, "/api/devices", "devices", "--json");

        JsonNode health = JsonNode.Parse(await http.GetStringAsync("/api/health"))!;
        Assert.True((bool)health["healthy"]!);
        Assert.False(string.IsNullOrEmpty((string?)health["status"]));
        Assert.True((long)health["uptimeSeconds"]! >= 0);
        // The ambient feed tells Carol's arrival once its window (2 s here) has closed, in /api/feed and on the page.
        string line = WaitForFeedLine(http, "Carol");
        Assert.Contains(System.Net.WebUtility.HtmlEncode(line), await http.GetStringAsync("/"));
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync("/api/log?since=yesterday")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync("/api/log?limit=0")).StatusCode);
        Assert.Equal(0, daemon.Stop().ExitCode);

        static string WaitForFeedLine(HttpClient client, string name)
        {
            var clock = Stopwatch.StartNew();
            while (true)
            {
                JsonNode feed = JsonNode.Parse(client.GetStringAsync("/api/feed").GetAwaiter().GetResult())!;
                if (feed["entries"]!.AsArray().Select(l => (string)l!["text"]!).FirstOrDefault(t => t.Contains(name)) is { } text)
                {
                    return text;
                }
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"no feed line about {name}: {feed.ToJsonString()}");
                Thread.Sleep(200);
            }
        }

        void AssertSame(HttpClient client, string path, params string[] command)
        {
            var clock = Stopwatch.StartNew();
            while (true)
            {
                JsonNode api = JsonNode.Parse(client.GetStringAsync(path).GetAwaiter().GetResult())!;
                RunResult cli = lab.Footfall([.. command, "--data", office.Data]);
                Assert.True(cli.ExitCode == 0, cli.Stderr);
                JsonNode expected = JsonNode.Parse(cli.Stdout)!;
                if (JsonNode.DeepEquals(api, expected))
                {
                    return;
                }
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"{path} differs from footfall {string.Join(' ', command)}:\n{api.ToJsonString()}\n{expected.ToJsonString()}");
                Thread.Sleep(300);
            }
        }
    }

    [Fact]
    public async Task ClientsThatNeverReadHoldUpNeitherTheDaemonNorOtherClients()
    {
        using Lab lab = Lab.Up("stslow", "10.124.0.0/24", 3, "--down");
        lab.Do("join", "d1");
        using var office = new StatusOffice(lab, 18083);
        using DaemonProcess daemon = office.StartAndWait();

        // Twenty browsers that open /events or the page and never read a byte, with the smallest receive buffer.
        var stalled = new List<Socket>();
        try
        {
            for (int i = 0; i < 20; i++)
            {
                Socket socket = LabHttp.Socket(lab.AppNamespace);
                socket.ReceiveBufferSize = 1;
                socket.Connect(office.Listen);
                string target = i % 2 == 0 ? "/events" : "/";
                socket.Send(Encoding.ASCII.GetBytes($"GET {target} HTTP/1.1\r\nHost: footfall.local\r\n\r\n"));
                stalled.Add(socket);
            }
            // Arrivals, each one news on every /events stream nobody reads.
            var joined = Stopwatch.StartNew();
            lab.Do("join", "d2", "d3");
            daemon.WaitForEvent(e => e is { Kind: "arrived", Person: "Alice" }, TimeSpan.FromSeconds(15), "Alice's arrival");
            daemon.WaitForEvent(e => e is { Kind: "arrived", Person: "Carol" }, TimeSpan.FromSeconds(15), "Carol's arrival");
            lab.Do("leave", "d3");
            daemon.WaitForEvent(e => e is { Kind: "left", Person: "Carol" }, TimeSpan.FromSeconds(40), "Carol's departure");

            using HttpClient http = office.Client();
            var answered = Stopwatch.StartNew();
            string who = await http.GetStringAsync("/api/who");
            Assert.True(answered.Elapsed < TimeSpan.FromSeconds(3), $"/api/who took {answered.Elapsed.TotalMilliseconds:0} ms beside the stalled clients");
            Assert.Contains("\"Alice\"", who);
            Assert.DoesNotContain("no sweep for", daemon.Output);
        }
        finally
        {
            foreach (Socket socket in stalled)
            {
                socket.Dispose();
            }
        }
        Assert.Equal(0, daemon.Stop().ExitCode);
    }

    [Fact]
    public void APortAlreadyTakenIsOneLineAndTheDaemonCarriesOn()
    {
        using Lab lab = Lab.Up("stport", "10.125.0.0/24", 3, "--down");
        using var office = new StatusOffice(lab, 18084);
        using Socket squatter = LabHttp.Socket(lab.AppNamespace);
        squatter.Bind(office.Listen);
        squatter.Listen();

        using DaemonProcess daemon = office.Start();
        daemon.WaitForLine(l => l.Contains("first sweep done"), TimeSpan.FromSeconds(30), "first sweep");
        lab.Do("join", "d2");
        daemon.WaitForEvent(e => e is { Kind: "arrived", Person: "Alice" }, TimeSpan.FromSeconds(15), "Alice's arrival");
        daemon.WaitForLine(l => l.Contains("status page"), TimeSpan.FromSeconds(30), "the status page's line");
        Thread.Sleep(TimeSpan.FromSeconds(1));   // one line, not one of several
        string line = Assert.Single(daemon.Lines, l => l.Contains("status page"));
        Assert.Contains($"status page: cannot listen on {office.Listen}: ", line);
        Assert.Contains("carrying on without the page", line);
        Assert.Equal(0, daemon.Stop().ExitCode);
    }
}
