using System.Net;

namespace Footfall.LabTests.Support;

/// <summary>
/// A lab office for the status page's tests: Bob (d1), Alice (d2) and Carol (d3), footfall's page on the
/// appliance's loopback at <see cref="Listen"/>, and an X account (the fake one's secrets, an address
/// nobody answers) so that a test can look for secrets in everything the page says.
/// </summary>
public sealed class StatusOffice : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("footfall-status-test.").FullName;

    public StatusOffice(Lab lab, int port, bool showDevices = false)
    {
        Lab = lab;
        Listen = new IPEndPoint(IPAddress.Loopback, port);
        ConfigPath = Path.Combine(_work, "footfall.json");
        File.WriteAllText(ConfigPath, $$"""
            {
              "site": { "name": "Lab {{lab.Name}}", "timeZone": "Europe/Amsterdam" },
              "network": { "interface": "lab0", "subnets": ["{{lab.Subnet}}"], "sweepInterval": "2s" },
              "presence": { "awayAfter": "5s" },
              "people": [
                { "name": "Bob", "devices": ["{{lab["d1"].Mac}}"], "color": "#1971c2" },
                { "name": "Alice", "devices": ["{{lab["d2"].Mac}}"], "color": "orange" },
                { "name": "Carol", "devices": ["{{lab["d3"].Mac}}"] }
              ],
              "announce": {
                "x": {
                  "consumerKey": "{{Testing.FakeX.ConsumerKey}}", "consumerSecret": "{{Testing.FakeX.ConsumerSecret}}",
                  "accessToken": "{{Testing.FakeX.AccessToken}}", "accessTokenSecret": "{{Testing.FakeX.AccessTokenSecret}}",
                  "apiBaseUrl": "http://127.0.0.1:1"
                },
                "aggregateWindow": "2s"
              },
              "status": { "listen": "{{Listen}}", "showDevices": {{(showDevices ? "true" : "false")}} }
            }
            """);
    }

    public Lab Lab { get; }

    public IPEndPoint Listen { get; }

    public Uri Url => new($"http://{Listen}/");

    public string ConfigPath { get; }

    public string Data => Path.Combine(_work, "data");

    public DaemonProcess Start() => DaemonProcess.Start(Lab, ConfigPath, Data, "--no-watchdog");

    /// <summary>Starts the daemon and waits for its page and its first sweep.</summary>
    public DaemonProcess StartAndWait()
    {
        DaemonProcess daemon = Start();
        daemon.WaitForLine(l => l.Contains($"status page on http://{Listen}/"), TimeSpan.FromSeconds(30), "the status page");
        daemon.WaitForLine(l => l.Contains("first sweep done"), TimeSpan.FromSeconds(30), "first sweep");
        return daemon;
    }

    public HttpClient Client() => LabHttp.Client(Lab.AppNamespace, Url);

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
