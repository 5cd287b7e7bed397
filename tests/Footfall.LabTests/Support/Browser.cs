using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Footfall.LabTests.Support;

/// <summary>
/// Debian's chromium, headless, driven by tests/browser/status-page.mjs (playwright-core, which downloads
/// no browser), inside a lab namespace. One JSON command a line in, one JSON answer a line out.
/// </summary>
public sealed class Browser : IDisposable
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly Lazy<string> s_folder = new(Install);

    private readonly Process _process;

    private Browser(Process process) => _process = process;

    public static Browser Start(string netns)
    {
        if (!File.Exists(Chromium))
        {
            Assert.Fail($"{Chromium} is missing: scripts/test installs Debian's chromium for the status page's browser tests.");
        }
        var info = new ProcessStartInfo("ip")
        {
            WorkingDirectory = s_folder.Value,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in new[] { "netns", "exec", netns, "node", "status-page.mjs", Chromium })
        {
            info.ArgumentList.Add(a);
        }
        var browser = new Browser(Process.Start(info)!);
        browser.Answer(TimeSpan.FromSeconds(60), "start");
        return browser;
    }

    /// <summary>Sends a command and returns its answer; a failed command fails the test with the browser's reason.</summary>
    public JsonObject Do(object command, TimeSpan? timeout = null)
    {
        string line = JsonSerializer.Serialize(command, command.GetType(), new JsonSerializerOptions());
        _process.StandardInput.WriteLine(line);
        _process.StandardInput.Flush();
        return Answer(timeout ?? TimeSpan.FromSeconds(30), line);
    }

    public IReadOnlyList<string> Names() => [.. Do(new { cmd = "names" })["names"]!.AsArray().Select(n => (string)n!)];

    /// <summary>Waits, without reloading, until the open page lists <paramref name="name"/> as in (or no longer does).</summary>
    public JsonObject WaitFor(string name, bool present, TimeSpan timeout) =>
        Do(new { cmd = "waitFor", name, present, timeout = (int)timeout.TotalMilliseconds }, timeout + TimeSpan.FromSeconds(10));

    private JsonObject Answer(TimeSpan timeout, string what)
    {
        Task<string?> read = _process.StandardOutput.ReadLineAsync();
        if (!read.Wait(timeout) || read.Result is not { } line)
        {
            string stderr = _process.HasExited ? _process.StandardError.ReadToEnd() : "";
            Assert.Fail($"the browser did not answer {what} within {timeout.TotalSeconds} s {stderr}");
            throw new InvalidOperationException();
        }
        JsonObject answer = JsonNode.Parse(line)!.AsObject();
        Assert.True((bool)answer["ok"]!, $"browser: {what}: {answer["error"]}");
        return answer;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            try
            {
                _process.StandardInput.WriteLine("{\"cmd\":\"quit\"}");
                _process.StandardInput.Flush();
            }
            catch (IOException)
            {
            }
            if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        _process.Dispose();
    }

    private static string Install()
    {
        string folder = Path.Combine(Repo.Root, "tests", "browser");
        if (!File.Exists(Path.Combine(folder, "node_modules", "playwright-core", "package.json")))
        {
            RunResult npm = Run.Program("npm", "ci", "--prefix", folder, "--no-audit", "--no-fund", "--loglevel=error");
            Assert.True(npm.ExitCode == 0, $"npm ci in tests/browser failed: {npm.Stderr}");
        }
        return folder;
    }
}
