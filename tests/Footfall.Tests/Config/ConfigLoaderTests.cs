using System.Text;
using Footfall.Config;
using Footfall.Net;
using Footfall.Presence;

namespace Footfall.Tests.Config;

public class ConfigLoaderTests
{
    [Fact]
    public void TheDesignExampleLoadsAsWritten()
    {
        ConfigLoadResult result = ConfigLoader.Load(ConfigFiles.Example);
        Assert.Empty(result.Errors);
        FootfallSettings settings = result.Settings!;
        Assert.Equal("Our Office", settings.Site.Name);
        Assert.Equal("Europe/Amsterdam", settings.Site.TimeZone.Id);
        Assert.Equal("eth0", settings.Network.Interface);
        Assert.Equal([Subnet("192.168.1.0/24")], settings.Network.Subnets);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.Network.SweepInterval);
        Assert.Equal(TimeSpan.FromMinutes(10), settings.Presence.AwayAfter);
        Assert.False(settings.Presence.AnnounceOnStartup);
        Person alice = Assert.Single(settings.People);
        Assert.Equal(("Alice", "she", 17), (alice.Name, alice.Pronoun, alice.Led));
        Assert.Equal([Mac("3c:22:fb:00:00:01"), Mac("a4:83:e7:00:00:02")], alice.Devices);
        Assert.Equal(new LedSettings { Chip = "gpiochip0", StatusLine = 27, ActiveLow = false }, settings.Leds);
        Assert.Equal(new WatchdogSettings { Device = "/dev/watchdog", Timeout = TimeSpan.FromSeconds(15), KickPin = null }, settings.Watchdog);
        XSettings x = settings.Announce!.X!;
        Assert.Equal("…", x.ConsumerKey.Reveal());
        Assert.Equal(new Uri("https://api.x.com"), x.ApiBaseUrl);
        Assert.Equal(TimeSpan.FromHours(8), x.DeleteAfter);
        Assert.Equal(["Good morning, {name}!"], settings.Announce.MessagesFor(DayPart.Morning));
        Assert.Equal(["{name} is burning the midnight oil."], settings.Announce.MessagesFor(DayPart.Evening));
        Assert.Equal(BuiltInMessages.Arrival(DayPart.Noon), settings.Announce.MessagesFor(DayPart.Noon));
        Assert.Equal(["{name} just walked in. That makes {count} of us."], settings.Announce.GroupMessagesFor(DayPart.Noon));
        Assert.Equal(["{name} headed home."], settings.Announce.DepartureMessagesOrBuiltIn);
        Assert.Equal(["{name} was the last one out. Lights off!"], settings.Announce.LastOneOutMessagesOrBuiltIn);
        Assert.Equal(XSettings.TimesyncdMarker, x.ClockSyncMarker);
        Assert.Equal(
            (TimeSpan.FromSeconds(60), TimeSpan.FromHours(1), false, false, TimeSpan.FromMinutes(30)),
            (settings.Announce.AggregateWindow, settings.Announce.Cooldown, settings.Announce.Departures, settings.Announce.LastOneOut, settings.Announce.StaleAfter));
        Assert.Equal(new RetentionSettings(), settings.Retention);
        Assert.Equal(80, settings.Health.MaxTemperature);
    }

    [Fact]
    public void AnEmptyObjectIsAllDefaults()
    {
        FootfallSettings settings = ConfigLoader.Parse("{}").Settings!;
        var defaults = new FootfallSettings();
        Assert.Equal(("footfall", TimeZoneInfo.Utc), (settings.Site.Name, settings.Site.TimeZone));
        Assert.Equal((null, 0, TimeSpan.FromSeconds(10)), (settings.Network.Interface, settings.Network.Subnets.Count, settings.Network.SweepInterval));
        Assert.Equal(defaults.Presence, settings.Presence);
        Assert.Empty(settings.People);
        Assert.Equal(defaults.Leds, settings.Leds);
        Assert.Equal(defaults.Watchdog, settings.Watchdog);
        Assert.Null(settings.Announce);
        Assert.Equal((TimeSpan.FromHours(24), TimeSpan.FromDays(365)), (settings.Retention.UnknownDevices, settings.Retention.History));
        Assert.Equal(HealthSettings.DefaultMaxTemperature, settings.Health.MaxTemperature);
    }

    [Theory]
    [InlineData(50)]
    [InlineData(62)]
    [InlineData(85)]
    public void TheMaximumTemperatureIsTakenFromFiftyToEightyFive(int degrees)
    {
        ConfigLoadResult result = ConfigLoader.Parse($$"""{ "health": { "maxTemperature": {{degrees}} } }""");
        Assert.Equal(degrees, result.Settings!.Health.MaxTemperature);
    }

    [Theory]
    [InlineData(49)]
    [InlineData(86)]
    [InlineData(-80)]
    public void AMaximumTemperatureOutOfRangeIsRefusedByPath(int degrees)
    {
        ConfigLoadResult result = ConfigLoader.Parse($$"""{ "health": { "maxTemperature": {{degrees}} } }""");
        Assert.Equal($"health.maxTemperature: must be from 50 to 85 (degrees Celsius), not {degrees}", Assert.Single(result.Errors).ToString());
    }

    [Fact]
    public void MacsAreNormalisedAndSubnetsParsed()
    {
        FootfallSettings settings = ConfigLoader.Parse("""
            { "network": { "subnets": ["10.1.0.0/16", "192.168.3.7/32"] },
              "people": [{ "name": " Bob ", "devices": ["3C-22-FB-00-00-0B"] }] }
            """).Settings!;
        Assert.Equal([Subnet("10.1.0.0/16"), Subnet("192.168.3.7/32")], settings.Network.Subnets);
        Person bob = Assert.Single(settings.People);
        Assert.Equal("Bob", bob.Name);
        Assert.Equal("3c:22:fb:00:00:0b", Assert.Single(bob.Devices).ToString());
        Assert.Null(bob.Pronoun);
        Assert.Null(bob.Led);
    }

    [Fact]
    public void AnnounceWithoutXStillHasMessages()
    {
        AnnounceSettings announce = ConfigLoader.Parse("""{ "announce": { "messages": { "night": ["{name} can't sleep."] } } }""").Settings!.Announce!;
        Assert.Null(announce.X);
        Assert.Equal(["{name} can't sleep."], announce.MessagesFor(DayPart.Night));
        Assert.Equal(BuiltInMessages.Arrival(DayPart.Morning), announce.MessagesFor(DayPart.Morning));
        Assert.Equal(BuiltInMessages.Group(DayPart.Night), announce.GroupMessagesFor(DayPart.Night));
        Assert.Equal(BuiltInMessages.Departure, announce.DepartureMessagesOrBuiltIn);
        Assert.Equal(BuiltInMessages.LastOneOut, announce.LastOneOutMessagesOrBuiltIn);
    }

    [Fact]
    public void AnnounceDefaultsAreTheSameFromAFileAndInCode()
    {
        AnnounceSettings fromFile = ConfigLoader.Parse("""{ "announce": {} }""").Settings!.Announce!;
        var inCode = new AnnounceSettings();
        Assert.Equal(
            (inCode.AggregateWindow, inCode.Cooldown, inCode.Departures, inCode.LastOneOut, inCode.StaleAfter),
            (fromFile.AggregateWindow, fromFile.Cooldown, fromFile.Departures, fromFile.LastOneOut, fromFile.StaleAfter));
        Assert.Equal((TimeSpan.FromSeconds(60), TimeSpan.FromHours(1), false, false, TimeSpan.FromMinutes(30)),
            (inCode.AggregateWindow, inCode.Cooldown, inCode.Departures, inCode.LastOneOut, inCode.StaleAfter));
    }

    [Theory]
    [InlineData("0s", "0s", true, true, "1m")]
    [InlineData("10m", "24h", false, true, "24h")]
    [InlineData("1m30s", "0s", true, false, "45m")]
    public void AnnounceThrottlingKeysAreRead(string window, string cooldown, bool departures, bool lastOneOut, string staleAfter)
    {
        string json = $$"""
            { "announce": { "aggregateWindow": "{{window}}", "cooldown": "{{cooldown}}", "departures": {{(departures ? "true" : "false")}},
                            "lastOneOut": {{(lastOneOut ? "true" : "false")}}, "staleAfter": "{{staleAfter}}" } }
            """;
        AnnounceSettings announce = ConfigLoader.Parse(json).Settings!.Announce!;
        Assert.Equal(
            (Duration(window), Duration(cooldown), departures, lastOneOut, Duration(staleAfter)),
            (announce.AggregateWindow, announce.Cooldown, announce.Departures, announce.LastOneOut, announce.StaleAfter));
    }

    [Theory]
    [InlineData(null, XSettings.TimesyncdMarker)]
    [InlineData("timesyncd", XSettings.TimesyncdMarker)]
    [InlineData("system", null)]
    [InlineData("/run/footfall/clock-ok", "/run/footfall/clock-ok")]
    public void ClockSyncNamesTheMarkerToWaitFor(string? clockSync, string? marker)
    {
        string key = clockSync is null ? "" : $$""", "clockSync": "{{clockSync}}" """;
        string json = $$"""{ "announce": { "x": { "consumerKey": "k", "consumerSecret": "s", "accessToken": "t", "accessTokenSecret": "u"{{key}} } } }""";
        ConfigLoadResult result = ConfigLoader.Parse(json);
        Assert.Empty(result.Errors);
        Assert.Equal(marker, result.Settings!.Announce!.X!.ClockSyncMarker);
        Assert.Equal(XSettings.TimesyncdMarker, new XSettings(new Secret("k"), new Secret("s"), new Secret("t"), new Secret("u")).ClockSyncMarker);
    }

    private static TimeSpan Duration(string text) => Footfall.Text.HumanDuration.TryParse(text, out TimeSpan duration) ? duration : throw new ArgumentException(text);

    [Theory]
    [InlineData("", "(root): not valid JSON at line 1, column 1: the file has no JSON in it (it is empty or only comments)")]
    [InlineData("// nothing yet\n", "(root): not valid JSON at line 2, column 1: the file has no JSON in it (it is empty or only comments)")]
    [InlineData("{\n  \"site\": {\n    \"name\" \"x\"\n  }\n}", "(root): not valid JSON at line 3, column 12: expected ':' after a key")]
    [InlineData("{\n  \"site\": { \"name\": \"x\" }\n  \"people\": []\n}", "(root): not valid JSON at line 3, column 3: expected ',' or a closing bracket after a value")]
    [InlineData("{ site: {} }", "(root): not valid JSON at line 1, column 3: expected a key in double quotes")]
    [InlineData("{ \"site\": { \"name\": 'x' } }", "(root): not valid JSON at line 1, column 21: expected a value: text in double quotes, a number, true, false, null, an object or an array")]
    [InlineData("{ \"presence\": { \"announceOnStartup\": True } }", "(root): not valid JSON at line 1, column 38: expected a value: text in double quotes, a number, true, false, null, an object or an array")]
    [InlineData("{ \"presence\": { \"announceOnStartup\": fals } }", "(root): not valid JSON at line 1, column 42: not a value: did you mean true, false or null? (text goes in double quotes)")]
    [InlineData("{ \"people\": [", "(root): not valid JSON at line 1, column 14: an object or array is not closed")]
    [InlineData("{ \"site\": { \"name\": \"Our Office } }", "(root): not valid JSON at line 1, column 36: a string is not closed")]
    [InlineData("{ \"site\": { \"name\": \"a\tb\" } }", "(root): not valid JSON at line 1, column 23: a string has a line break, tab or control character in it: write \\n or \\t")]
    [InlineData("{ \"site\": { \"name\": \"a\\qb\" } }", "(root): not valid JSON at line 1, column 24: a string has an invalid escape: only \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX exist")]
    [InlineData("{ \"leds\": { \"status\": 027 } }", "(root): not valid JSON at line 1, column 24: not a valid number")]
    [InlineData("{} {}", "(root): not valid JSON at line 1, column 4: there is more after the end of the document")]
    [InlineData("{ \"people\": [\"Alice\"} }", "(root): not valid JSON at line 1, column 21: a closing bracket has no opening one")]
    [InlineData("{ /* unfinished", "(root): not valid JSON at line 1, column 3: a /* comment is not closed")]
    [InlineData("{ \"site\": { \"name\": \"Zoë\" \"x\" } }", "(root): not valid JSON at line 1, column 27: expected ',' or a closing bracket after a value")]
    public void InvalidJsonIsOneErrorWithLineAndColumn(string json, string expected)
    {
        ConfigLoadResult result = ConfigLoader.Parse(json);
        Assert.Equal([expected], result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void NestingIsLimited()
    {
        string json = "{ \"site\": " + new string('[', 40) + new string(']', 40) + " }";
        Assert.Equal(["(root): not valid JSON at line 1, column 42: nested more than 32 levels deep"], ConfigLoader.Parse(json).Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void CommentsTrailingCommasAndAByteOrderMarkAreFine()
    {
        byte[] json = [0xEF, 0xBB, 0xBF, .. "/* by hand */ { \"site\": { \"name\": \"x\", }, // the office\n \"people\": [], }"u8];
        Assert.True(ConfigLoader.Parse(json).IsValid);
    }

    [Fact]
    public void TextThatIsNotUtf8IsRefusedWithWhere()
    {
        byte[] latin1 = [.. "{\n  \"site\": { \"name\": \"Zo"u8, 0xEB, .. "\" }\n}"u8];
        Assert.Equal(["(root): not valid UTF-8 at line 2, column 24: save the file as UTF-8"], ConfigLoader.Parse(latin1).Errors.Select(e => e.ToString()));
        byte[] utf16 = [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("{}")];
        Assert.Equal(["(root): not valid UTF-8 at line 1, column 1: save the file as UTF-8"], ConfigLoader.Parse(utf16).Errors.Select(e => e.ToString()));
    }

    [Theory]
    [InlineData("""{ "site": { "name": "\ud800" } }""", "site.name: is not valid text: it has a \\u escape for half a character")]
    [InlineData("""{ "site": { "\udc00": 1 } }""", "site: has a key that is not valid text: it has a \\u escape for half a character")]
    public void EscapesForHalfACharacterAreRefused(string json, string expected) =>
        Assert.Equal([expected], ConfigLoader.Parse(json).Errors.Select(e => e.ToString()));

    [Fact]
    public void EveryKindOfProblemIsReportedInOneRun()
    {
        ConfigLoadResult result = ConfigLoader.Parse("""
            {
              "site": { "timeZone": "Mars/Olympus" },
              "network": { "sweepInterval": "fast" },
              "people": [
                { "name": "Alice", "devices": ["3c:22:fb:00:01"], "led": "17", "emial": "a@example.com" },
                { "name": "Bob", "devices": ["3c:22:fb:00:00:02"], "led": 27 },
                { "name": "Carol", "devices": ["3c:22:fb:00:00:02"] }
              ],
              "leds": { "status": 27 },
              "announce": { "x": { "consumerKey": "k" } }
            }
            """);
        Assert.Equal(
            [
                "site.timeZone: \"Mars/Olympus\" is not a known time zone: use an IANA name such as \"Europe/Amsterdam\" or \"UTC\"",
                "network.sweepInterval: \"fast\" is not a duration such as \"15s\", \"10m\" or \"8h\"",
                "people[0].devices[0]: \"3c:22:fb:00:01\" is not a MAC address (six pairs of hex digits, such as \"3c:22:fb:00:00:01\")",
                "people[0].led: must be a whole number, not a string",
                "people[0].emial: unknown key (expected name, pronoun, devices, led, pixel, color, hostnames)",
                "people[2].devices[0]: 3c:22:fb:00:00:02 is already listed at people[1].devices[0] (Bob): a device belongs to one person",
                "leds.status: GPIO line 27 is already used by people[1].led (Bob)",
                "announce.x.consumerSecret: is required when announce.x is given",
                "announce.x.accessToken: is required when announce.x is given",
                "announce.x.accessTokenSecret: is required when announce.x is given",
            ],
            result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void TooManyProblemsAreCountedNotListed()
    {
        string json = "{ " + string.Join(", ", Enumerable.Range(0, 150).Select(i => $"\"k{i}\": 1")) + " }";
        IReadOnlyList<ConfigError> errors = ConfigLoader.Parse(json).Errors;
        Assert.Equal(101, errors.Count);
        Assert.Equal("k0: unknown key (expected site, network, presence, people, leds, watchdog, announce, retention, health, mqtt, zenircbot, status, $schema)", errors[0].ToString());
        Assert.Equal("(root): 50 more problems not shown; fix these first", errors[^1].ToString());
    }

    [Fact]
    public void StrangeKeysAreQuotedAndCutShort()
    {
        string json = """{ "site": { "a.b": 1, "line\nbreak": 2, "0123456789012345678901234567890123456789012345": 3 } }""";
        Assert.Equal(
            [
                "site[\"a.b\"]: unknown key (expected name, timeZone)",
                "site[\"line\\u000abreak\"]: unknown key (expected name, timeZone)",
                "site[\"0123456789012345678901234567890123456789…\"]: unknown key (expected name, timeZone)",
            ],
            ConfigLoader.Parse(json).Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void InputOverTheLimitIsRefusedBeforeParsing()
    {
        byte[] atLimit = Encoding.UTF8.GetBytes("{}" + new string(' ', ConfigLoader.MaximumBytes - 2));
        Assert.True(ConfigLoader.Parse(atLimit).IsValid);
        byte[] overLimit = Encoding.UTF8.GetBytes("{}" + new string(' ', ConfigLoader.MaximumBytes - 1));
        Assert.Equal(["(file): the configuration is 257 KiB; a configuration file may be at most 256 KiB"], ConfigLoader.Parse(overLimit).Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void FileProblemsAreErrorsNotExceptions()
    {
        string folder = Directory.CreateTempSubdirectory("footfall-config-").FullName;
        try
        {
            string missing = Path.Combine(folder, "nosuch.json");
            Assert.Equal([$"(file): {missing} does not exist"], ConfigLoader.Load(missing).Errors.Select(e => e.ToString()));
            Assert.Equal([$"(file): {folder} is a directory, not a configuration file"], ConfigLoader.Load(folder).Errors.Select(e => e.ToString()));
            string inMissingFolder = Path.Combine(folder, "no", "such.json");
            Assert.Equal([$"(file): {inMissingFolder} does not exist"], ConfigLoader.Load(inMissingFolder).Errors.Select(e => e.ToString()));

            Assert.Equal(["(file): \"\" is not a file name"], ConfigLoader.Load("").Errors.Select(e => e.ToString()));

            string huge = Path.Combine(folder, "huge.json");
            using (FileStream stream = File.Create(huge))
            {
                stream.SetLength(1L << 30); // sparse: refused by its length, never read
            }
            Assert.Equal([$"(file): {huge} is 1048576 KiB; a configuration file may be at most 256 KiB"], ConfigLoader.Load(huge).Errors.Select(e => e.ToString()));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Ipv4Subnet Subnet(string text) => Ipv4Subnet.TryParse(text, out Ipv4Subnet subnet) ? subnet : throw new ArgumentException(text);

    private static MacAddress Mac(string text) => MacAddress.TryParse(text, out MacAddress mac) ? mac : throw new ArgumentException(text);
}
