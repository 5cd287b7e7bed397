using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Footfall.Testing;

/// <summary>One request the fake X server received: whether its OAuth signature checked out, and what it said.</summary>
public sealed record FakeXRequest(string Method, string Path, DateTimeOffset At, bool Valid, int? Status, string? Text, string? Id, string? Reason);

/// <summary>
/// The fake X API (tests/fakex/server.mjs) on loopback, optionally inside a network namespace: it checks every
/// signature with the npm package oauth-1.0a, an implementation independent of ours. The first use installs
/// that package there with 'npm ci'. Shared by the unit and the lab tests.
/// </summary>
public sealed class FakeX : IDisposable
{
    // Distinctive values, so a test can search every output for them.
    public const string ConsumerKey = "ck-FOOTFALL-7f3a9";
    public const string ConsumerSecret = "cs-SECRET-d41d8cd98f00b204e980";
    public const string AccessToken = "4242-at-FOOTFALL-0c1b";
    public const string AccessTokenSecret = "ats-SECRET-9e107d9d372bb6826bd8";

    public static IReadOnlyList<string> Secrets { get; } = [ConsumerSecret, AccessTokenSecret];

    private static readonly Lazy<string> s_folder = new(Install);

    private readonly Process _process;
    private readonly HttpClient _control;
    private readonly string? _namespace;

    private FakeX(Process process, Uri baseUrl, string? netns)
    {
        _process = process;
        BaseUrl = baseUrl;
        _namespace = netns;
        _control = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(10) };
    }

    public Uri BaseUrl { get; }

    /// <summary>Starts the server on a free port of 127.0.0.1 (of <paramref name="netns"/>'s loopback, if given). <paramref name="skewSeconds"/> is how far a request's timestamp may be off.</summary>
    /// <param name="port">0: any free port; a test that must keep to its own ports names one.</param>
    public static FakeX Start(string? netns = null, int skewSeconds = 300, int port = 0)
    {
        string folder = s_folder.Value;
        var info = new ProcessStartInfo(netns is null ? "node" : "ip")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (netns is not null)
        {
            Run("ip", "netns", "exec", netns, "ip", "link", "set", "lo", "up");
            foreach (string a in new[] { "netns", "exec", netns, "node" })
            {
                info.ArgumentList.Add(a);
            }
        }
        foreach (string a in new[] { "server.mjs", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--skew", skewSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(a);
        }
        info.Environment["FAKEX_CONSUMER_KEY"] = ConsumerKey;
        info.Environment["FAKEX_CONSUMER_SECRET"] = ConsumerSecret;
        info.Environment["FAKEX_ACCESS_TOKEN"] = AccessToken;
        info.Environment["FAKEX_ACCESS_TOKEN_SECRET"] = AccessTokenSecret;
        Process process = Process.Start(info) ?? throw new InvalidOperationException("node did not start");
        Task<string?> first = process.StandardOutput.ReadLineAsync();
        if (!first.Wait(TimeSpan.FromSeconds(20)) || first.Result is not { } listening || !listening.StartsWith("listening on ", StringComparison.Ordinal))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"the fake X server did not start: {process.StandardError.ReadToEnd()}");
        }
        return new FakeX(process, new Uri(listening["listening on ".Length..]), netns);
    }

    /// <summary>How it answers from now on: ok, unauthorized, ratelimit (resetIn seconds), error (500), invalid (400), hang, down, blackhole.</summary>
    public void SetMode(string mode, int resetInSeconds = 5)
    {
        var order = new JsonObject { ["mode"] = mode, ["resetIn"] = resetInSeconds };
        Control(HttpMethod.Post, "/_fake/mode", order.ToJsonString());
    }

    public IReadOnlyList<FakeXRequest> Requests()
    {
        using JsonDocument json = JsonDocument.Parse(Control(HttpMethod.Get, "/_fake/requests", null));
        return json.RootElement.EnumerateArray().Select(r => new FakeXRequest(
            r.GetProperty("method").GetString()!,
            r.GetProperty("path").GetString()!,
            DateTimeOffset.FromUnixTimeMilliseconds(r.GetProperty("at").GetInt64()),
            r.GetProperty("valid").GetBoolean(),
            r.GetProperty("status").ValueKind == JsonValueKind.Number ? r.GetProperty("status").GetInt32() : null,
            r.GetProperty("text").GetString(),
            r.GetProperty("id").GetString(),
            r.TryGetProperty("reason", out JsonElement reason) ? reason.GetString() : null)).ToList();
    }

    /// <summary>The posts X would show now (created, not deleted), and those deleted, with when.</summary>
    public (IReadOnlyList<(string Id, string Text)> Visible, IReadOnlyList<(string Id, string Text, DateTimeOffset DeletedAt)> Deleted) Posts()
    {
        using JsonDocument json = JsonDocument.Parse(Control(HttpMethod.Get, "/_fake/posts", null));
        var visible = json.RootElement.GetProperty("visible").EnumerateArray()
            .Select(p => (p.GetProperty("id").GetString()!, p.GetProperty("text").GetString()!)).ToList();
        var deleted = json.RootElement.GetProperty("deleted").EnumerateArray()
            .Select(p => (p.GetProperty("id").GetString()!, p.GetProperty("text").GetString()!,
                DateTimeOffset.FromUnixTimeMilliseconds(p.GetProperty("deletedAt").GetInt64()))).ToList();
        return (visible, deleted);
    }

    /// <summary>Polls until <paramref name="done"/> holds for the requests received, or fails the test with them.</summary>
    public IReadOnlyList<FakeXRequest> WaitFor(Func<IReadOnlyList<FakeXRequest>, bool> done, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            IReadOnlyList<FakeXRequest> requests = Requests();
            if (done(requests))
            {
                return requests;
            }
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"fake X: no {what} within {timeout.TotalSeconds} s; requests: {string.Join("; ", requests)}");
            }
            Thread.Sleep(100);
        }
    }

    private string Control(HttpMethod method, string path, string? body)
    {
        // In a namespace the server is on that namespace's loopback, out of this process's reach: ask with node's fetch from inside.
        if (_namespace is null)
        {
            using var request = new HttpRequestMessage(method, path);
            if (body is not null)
            {
                request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
            }
            using HttpResponseMessage response = _control.Send(request);
            return response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        }
        string script = $"const r = await fetch(process.argv[1], {{method: process.argv[2], body: process.argv[3] || undefined, headers: {{'content-type': 'application/json'}}}}); process.stdout.write(await r.text());";
        return Run("ip", "netns", "exec", _namespace, "node", "--input-type=module", "-e", script, new Uri(BaseUrl, path).ToString(), method.Method, body ?? "");
    }

    private static string Run(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in arguments)
        {
            info.ArgumentList.Add(a);
        }
        using Process process = Process.Start(info)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {stderr}");
        }
        return stdout.Result;
    }

    private static string Install()
    {
        string folder = Path.Combine(RepositoryRoot(), "tests", "fakex");
        if (!File.Exists(Path.Combine(folder, "node_modules", "oauth-1.0a", "package.json")))
        {
            Run("npm", "ci", "--prefix", folder, "--no-audit", "--no-fund", "--loglevel=error");
        }
        return folder;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Appliance.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("cannot find the repository (Appliance.sln) above " + AppContext.BaseDirectory);
    }

    public void Dispose()
    {
        _control.Dispose();
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
    }
}
