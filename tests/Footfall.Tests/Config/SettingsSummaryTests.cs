using Footfall.Config;

namespace Footfall.Tests.Config;

public class SettingsSummaryTests
{
    [Fact]
    public void SaysTheBuildingOnlyWhenThereIsOne()
    {
        FootfallSettings building = ConfigLoader.Load(Path.Combine(ConfigFiles.Folder, "valid", "building.json")).Settings!;
        Assert.Equal("footfall/acme-hq", building.Mqtt!.Building);
        Assert.Contains("  building: footfall/acme-hq/ (peers' state read from footfall/acme-hq/+/; each person announced once in the building)", SettingsSummary.Lines(building));
        FootfallSettings alone = ConfigLoader.Load(Path.Combine(ConfigFiles.Folder, "valid", "buses.json")).Settings!;
        Assert.Null(alone.Mqtt!.Building);
        Assert.DoesNotContain(SettingsSummary.Lines(alone), line => line.Contains("building", StringComparison.Ordinal));
    }

    [Fact]
    public void SummarisesTheExample()
    {
        FootfallSettings settings = ConfigLoader.Load(ConfigFiles.Example).Settings!;
        Assert.Equal(
            [
                "site:      Our Office, time zone Europe/Amsterdam",
                "network:   eth0, 192.168.1.0/24, sweep every 10s",
                "presence:  away after 10m; people already in at start-up are recorded, not announced",
                "  departure check: 3 unicast ARP requests, 2 mDNS wakes to port 5353, 3 unicast ARP requests again, 500ms apart; gone when silent 2s after the last",
                "people:    1 person",
                "  Alice (she): 2 devices, LED on line 17",
                "leds:      gpiochip0, status LED on line 27, active high",
                "watchdog:  /dev/watchdog, timeout 15s, no kick pin",
                "announce:  on X through https://api.x.com/, posts deleted after 8h",
                "  consumerKey:       ******** (1 character)",
                "  consumerSecret:    ******** (1 character)",
                "  accessToken:       ******** (1 character)",
                "  accessTokenSecret: ******** (1 character)",
                "  clockSync:         posts wait until /run/systemd/timesync/synchronized exists",
                "  messages: night default, morning 1, noon default, afternoon default, evening 1, group 1, departure 1, lastOneOut 1",
                "  posts:    arrivals within 1m in one post, not again if back within 1h, expired after 30m; departures off, last one out off",
                "retention: unknown devices 1d, history 365d",
                "health:    overheating at 80 °C",
                "mqtt:      mqtt://broker.lan:1883 as footfall, topics under footfall/our-office/ (site id our-office)",
                "  password: ******** (1 character)",
                "  Home Assistant discovery under homeassistant/ (one device_tracker per person)",
                "zenircbot: redis://redis.lan:6379/0, announcing in #office; answers whosin, commands, services",
                "status:    page on http://0.0.0.0:80/, devices hidden",
            ],
            SettingsSummary.Lines(settings));
    }

    [Fact]
    public void SummarisesTheDefaults()
    {
        Assert.Equal(
            [
                "site:      footfall, time zone UTC",
                "network:   the default route's interface, its own subnet, sweep every 10s",
                "presence:  away after 10m; people already in at start-up are recorded, not announced",
                "  departure check: 3 unicast ARP requests, 2 mDNS wakes to port 5353, 3 unicast ARP requests again, 500ms apart; gone when silent 2s after the last",
                "people:    0 people",
                "leds:      gpiochip0, no status LED (ACT if there is one), active high",
                "watchdog:  /dev/watchdog, timeout 15s, no kick pin",
                "announce:  nowhere (no \"announce\" section): events only go to the log",
                "retention: unknown devices 1d, history 365d",
                "health:    overheating at 80 °C",
                "status:    page on http://127.0.0.1:8080/ by default (port 80 on every address on the appliance), devices hidden",
            ],
            SettingsSummary.Lines(ConfigLoader.Parse("{}").Settings!));
    }

    [Fact]
    public void SummarisesAnnounceWithoutXAndWithEverythingOff()
    {
        FootfallSettings settings = ConfigLoader.Parse("""
            { "announce": { "aggregateWindow": "0s", "cooldown": "0s", "departures": true, "lastOneOut": true, "staleAfter": "2h" } }
            """).Settings!;
        Assert.Equal(
            [
                "announce:  not on X (no \"x\" section)",
                "  messages: night default, morning default, noon default, afternoon default, evening default, group default, departure default, lastOneOut default",
                "  posts:    each arrival in its own post, every arrival announced, expired after 2h; departures on, last one out on",
            ],
            SettingsSummary.Lines(settings).Where(line => line.StartsWith("announce:", StringComparison.Ordinal) || line.StartsWith("  messages:", StringComparison.Ordinal) || line.StartsWith("  posts:", StringComparison.Ordinal)));
    }

    [Fact]
    public void SummarisesATrustedSystemClock()
    {
        FootfallSettings settings = ConfigLoader.Parse("""
            { "announce": { "x": { "consumerKey": "k", "consumerSecret": "s", "accessToken": "t", "accessTokenSecret": "u", "clockSync": "system" } } }
            """).Settings!;
        Assert.Contains("  clockSync:         the system clock is trusted as it is", SettingsSummary.Lines(settings));
    }
}
