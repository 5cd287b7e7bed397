using System.Text.Json;
using Footfall.Contracts;
using Footfall.Net;
using Footfall.Presence;
using Footfall.Status;
using Footfall.Store;
using Footfall.Text;

namespace Footfall.Tests.Status;

public class StatusPageTests
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 28, 9, 30, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo s_amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    private static StatusView View(IReadOnlyList<DeviceRow>? devices = null, string name = "Alice") => new(
        "Our <Office>",
        s_now,
        s_amsterdam,
        [
            new PersonView(new WhoRow(name, "she", true, s_now.AddHours(-1), s_now, 1), new Rgb(255, 165, 0)),
            new PersonView(new WhoRow("Bob", null, false, null, s_now.AddDays(-2), 1), new Rgb(0, 0, 255)),
        ],
        [new LogRow(1, new PresenceEvent(PresenceEventKind.Arrived, s_now.AddHours(-1), name), OutboxState.Delivered, "posted on X as 1", s_now)],
        [new LogRow(1, new PresenceEvent(PresenceEventKind.Arrived, s_now.AddHours(-1), name), OutboxState.Delivered, "posted on X as 1", s_now)],
        new HealthJson("healthy, someone is in", "steady on", true, [], [], null, "0.1.2", "abc1234", s_now.AddHours(-3), 3 * 3600, null),
        [new FeedEntryJson(s_now.AddMinutes(-59), "arrival", "Alice & co <walked> in", [1])],
        devices);

    [Fact]
    public void ShowsWhoIsInWithTheirColourAndTimesInTheSitesZone()
    {
        string html = StatusPage.Render(View());
        Assert.Contains("<h2 id=\"who-h\">1 person is in</h2>", html);
        Assert.Contains("fill=\"#ffa500\"", html);
        // 08:30 UTC is 09:30 in Amsterdam in November.
        Assert.Contains("<span class=\"name\">Alice</span> <span class=\"since\">since 09:30</span>", html);
        Assert.Contains("<time datetime=\"2026-11-28T08:30:00Z\">09:30</time> Alice arrived", html);
        Assert.Contains("Healthy, someone is in", html);
        Assert.Contains("last seen Thu 10:30", html);
        Assert.Contains("<li class=\"arrival\"><time datetime=\"2026-11-28T08:31:00Z\">09:31</time> Alice &amp; co &lt;walked&gt; in</li>", html);
    }

    [Fact]
    public void TextFromTheConfigurationIsEscaped()
    {
        string html = StatusPage.Render(View(name: "<script>alert(1)</script>"));
        Assert.DoesNotContain("<script>alert", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("<h1>Our &lt;Office&gt;</h1>", html);
    }

    [Fact]
    public void DevicesAreListedOnlyWhenGiven()
    {
        Assert.True(MacAddress.TryParse("3c:22:fb:00:00:01", out MacAddress mac));
        Assert.True(Ipv4Address.TryParse("10.0.0.2", out Ipv4Address ip));
        var device = new DeviceRow(mac, ip, s_now, s_now, null);
        Assert.DoesNotContain("3c:22:fb", StatusPage.Render(View()));
        Assert.DoesNotContain("Devices", StatusPage.Render(View()));
        Assert.Contains("<td>3c:22:fb:00:00:01</td>", StatusPage.Render(View([device])));
    }

    [Fact]
    public void TheDeviceListShowsTheDhcpHostnameEscapedAndTheNote()
    {
        Assert.True(MacAddress.TryParse("da:a1:19:5e:00:09", out MacAddress mac));
        Assert.True(Ipv4Address.TryParse("10.0.0.9", out Ipv4Address ip));
        var device = new DeviceRow(mac, ip, s_now, s_now, null) { Dhcp = new DhcpIdentity("<b>alice-iphone</b>", null), ProbablyOf = "Alice" };
        string html = StatusPage.Render(View([device]));
        Assert.Contains("<td>&lt;b&gt;alice-iphone&lt;/b&gt;</td>", html);
        Assert.Contains("<td>probably Alice&#39;s phone with a new private address</td>", html);
    }

    [Fact]
    public void EmptySectionsSaySoInsteadOfAnEmptyList()
    {
        string html = StatusPage.Render(View() with { Today = [], Posts = [], Feed = [] });
        Assert.Contains("<p class=\"empty\">No arrivals or departures yet today.</p>", html);
        Assert.Contains("<p class=\"empty\">Nothing announced yet.</p>", html);
        Assert.Contains("<p class=\"empty\">All quiet so far.</p>", html);
        Assert.DoesNotContain("<ol class=\"timeline\">", html);
        Assert.Contains("<ol class=\"timeline\">\n<li class=\"arrived\">", StatusPage.Render(View()));
        Assert.Contains("</ol>\n</section>", StatusPage.Render(View()));
    }

    [Theory]
    [InlineData("/", false)]
    [InlineData("/api/log?since=../x", false)]
    [InlineData("/assets/status.css", false)]
    [InlineData("/../etc/passwd", true)]
    [InlineData("/assets/..%2fapi", true)]
    [InlineData("/api%2Fwho", true)]
    [InlineData("/assets/%2e%2e/x", true)]
    [InlineData("//etc/passwd", true)]
    [InlineData("/assets\\status.css", true)]
    [InlineData("/.env", true)]
    [InlineData("http://footfall.local/", true)]
    public void PathTricksAreRecognised(string target, bool trick) => Assert.Equal(trick, StatusGuard.IsTrick(target));

    [Fact]
    public void ShowsTheBuildingOnlyWhenThereIsOne()
    {
        Assert.DoesNotContain("The building", StatusPage.Render(View()));
        var building = new Footfall.Building.BuildingSnapshot(
            Connected: false, Alone: true,
            [new("floor-2", "2nd floor", true, true, null), new("floor-3", "3rd <floor>", false, false, s_now.AddMinutes(-5))],
            [new("Alice", "alice", true, ["2nd floor"], "2nd floor"), new("Bob", "bob", false, [], "3rd <floor>")]);

        string html = StatusPage.Render(View() with { Building = building });

        Assert.Contains("Announcing alone: the MQTT broker is unreachable", html);
        Assert.Contains("<li class=\"offline\" data-site=\"floor-3\"><span class=\"name\">3rd &lt;floor&gt;</span> <span class=\"since\">offline since 10:25</span></li>", html);
        Assert.Contains("<span class=\"name\">2nd floor</span> <span class=\"since\">this one</span>", html);
        Assert.Contains("<span class=\"name\">Alice</span> <span class=\"since\">in: 2nd floor</span>", html);
        Assert.Contains("<span class=\"name\">Bob</span> <span class=\"since\">out, last seen on 3rd &lt;floor&gt;</span>", html);
    }

    [Fact]
    public void TheUpdatesLineIsShownOnceAndOnlyWhenThereIsOne()
    {
        Assert.DoesNotContain("<dt>Update</dt>", StatusPage.Render(View()));

        const string Trying = "trying 1.4.0 (updated from 1.3.2): it is kept once footfall has been healthy for 10 min";
        string html = StatusPage.Render(View() with { Health = View().Health with { Update = Trying } });
        Assert.Contains($"<dt>Update</dt><dd>{Trying}</dd>", html);
        Assert.DoesNotContain("<dt>Problem</dt>", html);

        const string Refused = "update refused: the bundle's <signature> does not verify; nothing changed";
        html = StatusPage.Render(View() with { Health = View().Health with { Problems = [Refused, "clock not synchronised"], Update = Refused } });
        Assert.Contains("<dt>Update</dt><dd>update refused: the bundle&#39;s &lt;signature&gt; does not verify; nothing changed</dd>", html);
        Assert.Single(html.Split("<dt>Problem</dt>")[1..]);
        Assert.Contains("<dt>Problem</dt><dd>clock not synchronised</dd>", html);
    }

    [Fact]
    public void TheHealthJsonAlwaysHasItsUpdateKey()
    {
        HealthJson health = View().Health;
        Assert.Contains("\"update\":null,", JsonSerializer.Serialize(health, StatusJson.Default.HealthJson));
        Assert.Contains("\"update\":\"updated from 1.3.2 to 1.4.0 (today)\",",
            JsonSerializer.Serialize(health with { Update = "updated from 1.3.2 to 1.4.0 (today)" }, StatusJson.Default.HealthJson));
    }
}
