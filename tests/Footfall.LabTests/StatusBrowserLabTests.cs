using System.Text.Json.Nodes;
using Footfall.LabTests.Support;

namespace Footfall.LabTests;

/// <summary>
/// The status page in a real browser (Debian's chromium, headless) against `footfall run` in a lab
/// office: it follows arrivals live, survives a restart of the daemon, and works without JavaScript.
/// </summary>
public sealed class StatusBrowserLabTests
{
    [Fact]
    public void TheOpenPageShowsArrivalsWithinSecondsAndReconnectsAfterARestart()
    {
        using Lab lab = Lab.Up("stlive", "10.126.0.0/24", 3, "--down");
        lab.Do("join", "d1");
        using var office = new StatusOffice(lab, 18085);
        using Browser browser = Browser.Start(lab.AppNamespace);
        using (DaemonProcess first = office.StartAndWait())
        {
            first.WaitForEvent(e => e is { Kind: "arrived", Person: "Bob" }, TimeSpan.FromSeconds(15), "Bob's arrival");
            browser.Do(new { cmd = "open", url = office.Url.ToString(), js = true });
            Assert.Equal(["Bob"], browser.Names());

            lab.Do("join", "d2");
            JsonObject alice = browser.WaitFor("Alice", present: true, TimeSpan.FromSeconds(5));
            Assert.Equal(["Alice", "Bob"], alice["names"]!.AsArray().Select(n => (string)n!).Order());
            Assert.Equal(0, first.Stop().ExitCode);
        }

        using DaemonProcess second = office.StartAndWait();
        lab.Do("join", "d3");
        browser.WaitFor("Carol", present: true, TimeSpan.FromSeconds(15));
        lab.Do("leave", "d2");
        browser.WaitFor("Alice", present: false, TimeSpan.FromSeconds(30));

        // Live, never reloaded: one navigation, and the script saw no error.
        JsonObject live = browser.Do(new { cmd = "live" });
        Assert.Equal(1, (int)live["navigations"]!);
        Assert.StartsWith("live", (string?)live["live"]);
        Assert.Empty(browser.Do(new { cmd = "problems" })["problems"]!.AsArray());
        Assert.Equal(0, second.Stop().ExitCode);
    }

    [Fact]
    public void WithJavaScriptOffTheServerRenderedPageListsTheSamePeople()
    {
        using Lab lab = Lab.Up("stnojs", "10.127.0.0/24", 3, "--down");
        lab.Do("join", "d1", "d3");
        using var office = new StatusOffice(lab, 18086);
        using DaemonProcess daemon = office.StartAndWait();
        daemon.WaitForEvent(e => e is { Kind: "arrived", Person: "Carol" }, TimeSpan.FromSeconds(15), "Carol's arrival");
        using Browser browser = Browser.Start(lab.AppNamespace);

        browser.Do(new { cmd = "open", url = office.Url.ToString(), js = false });
        RunResult who = lab.Footfall("who", "--json", "--data", office.Data);
        IEnumerable<string> inNow = JsonNode.Parse(who.Stdout)!["people"]!.AsArray().Where(p => (bool)p!["in"]!).Select(p => (string)p!["name"]!);
        Assert.Equal(inNow.Order(), browser.Names().Order());
        Assert.Equal(["Bob", "Carol"], browser.Names().Order());
        Assert.Equal(0, daemon.Stop().ExitCode);
    }
}
