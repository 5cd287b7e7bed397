using System.Globalization;
using Footfall.Net;
using Footfall.Presence;
using Footfall.Runtime;
using Footfall.Sweep;
using Footfall.Text;

namespace Footfall.Config;

/// <summary>
/// The meaning checks, run on whatever part of the file had the right shape: values in range, MACs,
/// subnets and time zones that parse, names and MACs and GPIO lines used once. Each problem is
/// reported by path, and checking goes on, so one run names them all. Messages echo what was
/// written (quoted and cut short) except for secrets, which are only ever named by path.
/// </summary>
internal sealed partial class ConfigValidator
{
    public const int MaximumGpioLine = 511;
    public const int MaximumNameLength = 64;

    // Below 50 °C a Pi in a warm office would be "overheating" all summer; at 85 °C its firmware already throttles hard.
    public static readonly (int Min, int Max) MaxTemperatureRange = (50, 85);

    public static readonly (TimeSpan Min, TimeSpan Max) SweepIntervalRange = (TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
    public static readonly (TimeSpan Min, TimeSpan Max) AwayAfterRange = (TimeSpan.FromSeconds(5), TimeSpan.FromDays(1));
    public static readonly (TimeSpan Min, TimeSpan Max) WatchdogTimeoutRange = (TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(10));
    public static readonly (TimeSpan Min, TimeSpan Max) KickIntervalRange = (TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1));
    public static readonly (TimeSpan Min, TimeSpan Max) DeleteAfterRange = (TimeSpan.FromMinutes(1), TimeSpan.FromDays(30));
    public static readonly (TimeSpan Min, TimeSpan Max) AggregateWindowRange = (TimeSpan.Zero, TimeSpan.FromMinutes(10));
    public static readonly (TimeSpan Min, TimeSpan Max) CooldownRange = (TimeSpan.Zero, TimeSpan.FromDays(1));
    public static readonly (TimeSpan Min, TimeSpan Max) StaleAfterRange = (TimeSpan.FromMinutes(1), TimeSpan.FromDays(1));
    public static readonly (TimeSpan Min, TimeSpan Max) UnknownDevicesRange = (TimeSpan.FromMinutes(1), TimeSpan.FromDays(365));
    public static readonly (TimeSpan Min, TimeSpan Max) HistoryRange = (TimeSpan.FromDays(1), TimeSpan.FromDays(3650));

    private const int MaximumSecretLength = 200;

    private readonly ConfigErrors _errors;

    // Who holds each GPIO line so far, to name them when a second one claims it.
    private readonly Dictionary<int, string> _gpioOwners = [];

    private ConfigValidator(ConfigErrors errors) => _errors = errors;

    /// <summary>The settings, or null if anything (here or in an earlier pass) was reported.</summary>
    public static FootfallSettings? Validate(ConfigFile file, ConfigErrors errors)
    {
        var validator = new ConfigValidator(errors);
        FootfallSettings settings = validator.Settings(file);
        return errors.Count == 0 ? settings : null;
    }

    private FootfallSettings Settings(ConfigFile file)
    {
        NetworkSettings network = Network(file.Network ?? new());
        return new FootfallSettings
        {
            Site = Site(file.Site ?? new()),
            Network = network,
            Presence = Presence(file.Presence ?? new(), network.SweepInterval),
            People = People(file.People ?? []),
            // After people: a status LED or kick pin on a person's line is reported there, not on the person.
            Leds = Leds(file.Leds ?? new(), file.People ?? []),
            Watchdog = Watchdog(file.Watchdog ?? new()),
            Announce = file.Announce is { } announce ? Announce(announce) : null,
            Retention = Retention(file.Retention ?? new()),
            Health = Health(file.Health ?? new()),
            Mqtt = file.Mqtt is { } mqtt ? Mqtt(mqtt, file.Site?.Name, file.People ?? []) : null,
            ZenIrcBot = file.Zenircbot is { } zen ? ZenIrcBot(zen) : null,
            Status = Status(file.Status ?? new()),
        };
    }

    private SiteSettings Site(SiteSection site)
    {
        var settings = new SiteSettings();
        if (site.Name is not null)
        {
            settings = settings with { Name = Name(site.Name, "site.name") };
        }
        if (site.TimeZone is not null)
        {
            settings = settings with { TimeZone = TimeZone(site.TimeZone, "site.timeZone") };
        }
        return settings;
    }

    private TimeZoneInfo TimeZone(string id, string path)
    {
        // Checked by hand first: the id becomes a path under /usr/share/zoneinfo, so it must look like an IANA name.
        bool looksRight = id.Length is > 0 and <= 64 && !id.StartsWith('/') && !id.Contains("..", StringComparison.Ordinal)
            && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '_' or '-' or '+');
        if (looksRight)
        {
            try
            {
                return TimeZoneInfo.FindSystemTimeZoneById(id);
            }
            catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or IOException or UnauthorizedAccessException)
            {
            }
        }
        Report(path, $"{ConfigText.Quote(id)} is not a known time zone: use an IANA name such as \"Europe/Amsterdam\" or \"UTC\"");
        return TimeZoneInfo.Utc;
    }

    private NetworkSettings Network(NetworkSection network)
    {
        var settings = new NetworkSettings();
        if (network.Interface is { } name)
        {
            // The kernel's own rule for interface names (dev_valid_name): 1-15 bytes, no '/', ':' or spaces, not "." or "..".
            bool valid = name.Length is > 0 and <= 15 && name is not ("." or "..")
                && name.All(c => char.IsAscii(c) && !char.IsWhiteSpace(c) && !char.IsControl(c) && c is not ('/' or ':'));
            if (!valid)
            {
                Report("network.interface", $"{ConfigText.Quote(name)} is not a network interface name (up to 15 characters, no spaces, '/' or ':'), such as \"eth0\"");
            }
            settings = settings with { Interface = name };
        }
        settings = settings with { Subnets = Subnets(network.Subnets ?? []) };
        if (network.SweepInterval is not null)
        {
            settings = settings with { SweepInterval = Duration(network.SweepInterval, "network.sweepInterval", SweepIntervalRange) ?? settings.SweepInterval };
        }
        return settings;
    }

    private List<Ipv4Subnet> Subnets(List<string?> texts)
    {
        var subnets = new List<Ipv4Subnet>();
        var firstAt = new Dictionary<Ipv4Subnet, string>();
        for (int i = 0; i < texts.Count; i++)
        {
            string path = ConfigPath.Index("network.subnets", i);
            if (texts[i] is not { } text)
            {
                continue;
            }
            int slash = text.IndexOf('/');
            if (slash < 0 || !Ipv4Subnet.TryParse(text, out Ipv4Subnet subnet) || !Ipv4Address.TryParse(text.AsSpan(0, slash), out Ipv4Address address))
            {
                Report(path, $"{ConfigText.Quote(text)} is not an IPv4 subnet in CIDR form such as \"192.168.1.0/24\"");
                continue;
            }
            if (address != subnet.Network)
            {
                Report(path, $"{ConfigText.Quote(text)} has host bits set: did you mean \"{subnet}\"?");
                continue;
            }
            if (SweepTargets.WhyTooWide(subnet) is { } tooWide)
            {
                Report(path, tooWide.TrimEnd('.'));
                continue;
            }
            if (!firstAt.TryAdd(subnet, path))
            {
                Report(path, $"{subnet} is already listed at {firstAt[subnet]}");
                continue;
            }
            subnets.Add(subnet);
        }
        return subnets;
    }

    private PresenceSettings Presence(PresenceSection presence, TimeSpan sweepInterval)
    {
        var settings = new PresenceSettings { AnnounceOnStartup = presence.AnnounceOnStartup ?? false, Departure = Departure(presence) };
        TimeSpan? awayAfter = presence.AwayAfter is null ? settings.AwayAfter : Duration(presence.AwayAfter, "presence.awayAfter", AwayAfterRange);
        if (awayAfter is { } away)
        {
            // Someone must be missed by at least one sweep before they count as gone, or everyone
            // would leave between two sweeps.
            if (away <= sweepInterval && !_errors.Has("network.sweepInterval"))
            {
                Report("presence.awayAfter", $"must be longer than network.sweepInterval ({HumanDuration.Format(sweepInterval)}), not {HumanDuration.Format(away)}");
            }
            settings = settings with { AwayAfter = away };
        }
        return settings;
    }

    private List<Person> People(List<PersonEntry?> entries)
    {
        var people = new List<Person>();
        var nameAt = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var macAt = new Dictionary<MacAddress, (string Path, string? Owner, int Person)>();
        var hostnameAt = new Dictionary<string, (string Path, string Owner)>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < entries.Count; i++)
        {
            if (entries[i] is not { } entry)
            {
                continue;
            }
            string path = ConfigPath.Index("people", i);
            string name = "";
            if (entry.Name is null)
            {
                Report($"{path}.name", "is required");
            }
            else
            {
                name = Name(entry.Name, $"{path}.name");
                if (name.Length > 0 && !nameAt.TryAdd(name, $"{path}.name"))
                {
                    Report($"{path}.name", $"{ConfigText.Quote(name)} is already the name at {nameAt[name]}: names must differ");
                }
            }

            string? pronoun = null;
            if (entry.Pronoun is not null)
            {
                pronoun = entry.Pronoun.Trim();
                if (pronoun.Length is 0 or > 16 || ConfigText.HasInvisible(pronoun))
                {
                    Report($"{path}.pronoun", $"{ConfigText.Quote(entry.Pronoun)} is not a pronoun: a word such as \"she\", \"he\" or \"they\", up to 16 characters");
                }
            }

            var devices = new List<MacAddress>();
            if (entry.Devices is null || entry.Devices.Count == 0)
            {
                Report($"{path}.devices", "must list at least one MAC address, such as \"3c:22:fb:00:00:01\"");
            }
            else
            {
                for (int d = 0; d < entry.Devices.Count; d++)
                {
                    if (Device(entry.Devices[d], ConfigPath.Index($"{path}.devices", d), name, i, macAt) is { } mac)
                    {
                        devices.Add(mac);
                    }
                }
            }

            int? led = null;
            if (entry.Led is { } line)
            {
                led = Gpio(line, $"{path}.led", name.Length > 0 ? $"{path}.led ({name})" : $"{path}.led");
            }
            people.Add(new Person(name, pronoun, devices, led, entry.Pixel, PersonColor(entry.Color, $"{path}.color"))
            {
                Hostnames = Hostnames(entry.Hostnames, path, name, hostnameAt),
            });
        }
        return people;
    }

    private MacAddress? Device(string? text, string path, string owner, int person, Dictionary<MacAddress, (string Path, string? Owner, int Person)> macAt)
    {
        if (text is null)
        {
            return null;
        }
        if (!MacAddress.TryParse(text, out MacAddress mac))
        {
            Report(path, $"{ConfigText.Quote(text)} is not a MAC address (six pairs of hex digits, such as \"3c:22:fb:00:00:01\")");
            return null;
        }
        if (mac == MacAddress.Zero || mac.IsGroup)
        {
            Report(path, $"{ConfigText.Quote(text)} is a {(mac == MacAddress.Zero ? "zero" : "broadcast or multicast")} address, never a device's own");
            return null;
        }
        if (macAt.TryGetValue(mac, out var first))
        {
            string whose = first.Person != person && first.Owner is { Length: > 0 } name ? $" ({name})" : "";
            Report(path, $"{mac} is already listed at {first.Path}{whose}: a device belongs to one person");
            return null;
        }
        macAt.Add(mac, (path, owner, person));
        return mac;
    }

    private LedSettings Leds(LedsSection leds, List<PersonEntry?> people)
    {
        var settings = new LedSettings { ActiveLow = leds.ActiveLow ?? false, Strip = Strip(leds.Strip, people) };
        if (leds.Chip is { } chip)
        {
            if (chip.Length is 0 or > 64 || chip.Any(char.IsWhiteSpace) || ConfigText.HasInvisible(chip))
            {
                Report("leds.chip", $"{ConfigText.Quote(chip)} is not a GPIO chip name such as \"gpiochip0\"");
            }
            settings = settings with { Chip = chip };
        }
        if (leds.Status is { } status)
        {
            settings = settings with { StatusLine = Gpio(status, "leds.status", "leds.status") };
        }
        if (leds.StatusLed is { } statusLed)
        {
            // A name under /sys/class/leds: one path component, nothing that could climb out of it.
            if (statusLed.Length is 0 or > 64 || statusLed is "." or ".." || statusLed.Contains('/')
                || statusLed.Any(char.IsWhiteSpace) || ConfigText.HasInvisible(statusLed))
            {
                Report("leds.statusLed", $"{ConfigText.Quote(statusLed)} is not an LED name such as \"ACT\" or \"PWR\" (see /sys/class/leds)");
            }
            else if (leds.Status is not null)
            {
                Report("leds.statusLed", "give leds.status (a GPIO line) or leds.statusLed (an LED such as \"ACT\"), not both");
            }
            settings = settings with { StatusLed = statusLed };
        }
        return settings;
    }

    private WatchdogSettings Watchdog(WatchdogSection watchdog)
    {
        var settings = new WatchdogSettings();
        if (watchdog.Device is { } device)
        {
            if (!device.StartsWith("/dev/", StringComparison.Ordinal) || device.Length is <= 5 or > 128
                || device.Contains("/../", StringComparison.Ordinal) || device.EndsWith("/..", StringComparison.Ordinal)
                || device.Any(char.IsWhiteSpace) || ConfigText.HasInvisible(device))
            {
                Report("watchdog.device", $"{ConfigText.Quote(device)} is not a device path such as \"/dev/watchdog\"");
            }
            settings = settings with { Device = device };
        }
        if (watchdog.Timeout is not null && Duration(watchdog.Timeout, "watchdog.timeout", WatchdogTimeoutRange) is { } timeout)
        {
            if (timeout.Milliseconds != 0)
            {
                Report("watchdog.timeout", $"must be whole seconds (the kernel takes seconds), not {HumanDuration.Format(timeout)}");
            }
            settings = settings with { Timeout = timeout };
        }
        if (watchdog.KickPin is { } kickPin)
        {
            settings = settings with { KickPin = Gpio(kickPin, "watchdog.kickPin", "watchdog.kickPin") };
        }
        if (watchdog.KickInterval is not null && Duration(watchdog.KickInterval, "watchdog.kickInterval", KickIntervalRange) is { } kickInterval)
        {
            settings = settings with { KickInterval = kickInterval };
        }
        return settings;
    }

    private AnnounceSettings Announce(AnnounceSection announce)
    {
        MessagesSection messages = announce.Messages ?? new();
        var buckets = new Dictionary<DayPart, IReadOnlyList<string>>();
        foreach ((DayPart part, List<string?>? templates) in (ReadOnlySpan<(DayPart, List<string?>?)>)
            [(DayPart.Night, messages.Night), (DayPart.Morning, messages.Morning), (DayPart.Noon, messages.Noon),
             (DayPart.Afternoon, messages.Afternoon), (DayPart.Evening, messages.Evening)])
        {
            string path = $"announce.messages.{part.ToString().ToLowerInvariant()}";
            buckets[part] = templates is null ? [] : Templates(templates, path);
        }
        var settings = new AnnounceSettings
        {
            X = announce.X is { } x ? X(x) : null,
            Messages = buckets,
            GroupMessages = messages.Group is null ? [] : Templates(messages.Group, "announce.messages.group"),
            DepartureMessages = messages.Departure is null ? [] : Templates(messages.Departure, "announce.messages.departure"),
            LastOneOutMessages = messages.LastOneOut is null ? [] : Templates(messages.LastOneOut, "announce.messages.lastOneOut"),
            Departures = announce.Departures ?? false,
            LastOneOut = announce.LastOneOut ?? false,
        };
        if (announce.AggregateWindow is not null)
        {
            settings = settings with { AggregateWindow = Duration(announce.AggregateWindow, "announce.aggregateWindow", AggregateWindowRange) ?? settings.AggregateWindow };
        }
        if (announce.Cooldown is not null)
        {
            settings = settings with { Cooldown = Duration(announce.Cooldown, "announce.cooldown", CooldownRange) ?? settings.Cooldown };
        }
        if (announce.StaleAfter is not null)
        {
            settings = settings with { StaleAfter = Duration(announce.StaleAfter, "announce.staleAfter", StaleAfterRange) ?? settings.StaleAfter };
        }
        return settings;
    }

    private List<string> Templates(List<string?> templates, string path)
    {
        var valid = new List<string>();
        for (int i = 0; i < templates.Count; i++)
        {
            if (templates[i] is not { } template)
            {
                continue;
            }
            string itemPath = ConfigPath.Index(path, i);
            if (template.Trim().Length == 0)
            {
                Report(itemPath, "must not be empty");
            }
            else if (template.Length > MessageTemplates.MaximumLength)
            {
                Report(itemPath, $"is {template.Length} characters long; a post may have at most {MessageTemplates.MaximumLength}");
            }
            else if (UnknownPlaceholder(template) is { } unknown)
            {
                Report(itemPath, $"has an unknown placeholder {ConfigText.Quote(unknown)} (known: {string.Join(", ", MessageTemplates.Placeholders)})");
            }
            else
            {
                valid.Add(template);
            }
        }
        return valid;
    }

    // "{word}" is a placeholder and must be one we fill in; other braces are just text.
    private static string? UnknownPlaceholder(string template)
    {
        for (int open = template.IndexOf('{'); open >= 0; open = template.IndexOf('{', open + 1))
        {
            int close = template.IndexOf('}', open + 1);
            if (close < 0)
            {
                return null;
            }
            ReadOnlySpan<char> word = template.AsSpan(open + 1, close - open - 1);
            bool isWord = word.Length > 0 && !word.ContainsAnyExcept("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");
            string placeholder = template[open..(close + 1)];
            if (isWord && !MessageTemplates.Placeholders.Contains(placeholder))
            {
                return placeholder;
            }
        }
        return null;
    }

    private XSettings X(XSection x)
    {
        var settings = new XSettings(
            Secret(x.ConsumerKey, "announce.x.consumerKey"),
            Secret(x.ConsumerSecret, "announce.x.consumerSecret"),
            Secret(x.AccessToken, "announce.x.accessToken"),
            Secret(x.AccessTokenSecret, "announce.x.accessTokenSecret"));
        if (x.ApiBaseUrl is { } text)
        {
            // Not echoed: an address can carry a password ("https://user:secret@host").
            bool valid = Uri.TryCreate(text, UriKind.Absolute, out Uri? url)
                && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)
                && url.UserInfo.Length == 0 && url.Query.Length == 0 && url.Fragment.Length == 0 && url.Host.Length > 0;
            if (valid)
            {
                settings = settings with { ApiBaseUrl = url! };
            }
            else
            {
                Report("announce.x.apiBaseUrl", "must be an http or https address without a password, query or fragment, such as \"https://api.x.com\"");
            }
        }
        if (x.DeleteAfter is not null)
        {
            settings = settings with { DeleteAfter = Duration(x.DeleteAfter, "announce.x.deleteAfter", DeleteAfterRange) };
        }
        if (x.ClockSync is { } clockSync)
        {
            settings = settings with { ClockSyncMarker = ClockSyncMarker(clockSync) };
        }
        return settings;
    }

    private string? ClockSyncMarker(string text)
    {
        switch (text)
        {
            case "timesyncd":
                return XSettings.TimesyncdMarker;
            case "system":
                return null;
        }
        bool isPath = text.StartsWith('/') && text.Length is > 1 and <= 256 && !text.EndsWith('/')
            && !text.Contains("/../", StringComparison.Ordinal) && !text.EndsWith("/..", StringComparison.Ordinal)
            && !text.Any(char.IsWhiteSpace) && !ConfigText.HasInvisible(text);
        if (!isPath)
        {
            Report("announce.x.clockSync", $"{ConfigText.Quote(text)} is not \"timesyncd\", \"system\" or the absolute path of a marker file such as \"{XSettings.TimesyncdMarker}\"");
            return XSettings.TimesyncdMarker;
        }
        return text;
    }

    /// <summary>Checks a credential without ever putting its value, or any part of it, in a message.</summary>
    private Secret Secret(string? value, string path)
    {
        if (value is null)
        {
            Report(path, "is required when announce.x is given");
            return new Secret("");
        }
        if (value.Length == 0)
        {
            Report(path, "must not be empty");
        }
        else if (value.Length > MaximumSecretLength)
        {
            Report(path, $"is {value.Length} characters long; X keys and tokens are at most {MaximumSecretLength}");
        }
        else if (value.Any(char.IsWhiteSpace) || ConfigText.HasInvisible(value))
        {
            Report(path, "has spaces, line breaks or invisible characters in it: was it pasted with them?");
        }
        return new Secret(value);
    }

    private RetentionSettings Retention(RetentionSection retention)
    {
        var settings = new RetentionSettings();
        if (retention.UnknownDevices is not null)
        {
            settings = settings with { UnknownDevices = Duration(retention.UnknownDevices, "retention.unknownDevices", UnknownDevicesRange) ?? settings.UnknownDevices };
        }
        if (retention.History is not null)
        {
            settings = settings with { History = Duration(retention.History, "retention.history", HistoryRange) ?? settings.History };
        }
        return settings;
    }

    private HealthSettings Health(HealthSection health)
    {
        var settings = new HealthSettings();
        if (health.MaxTemperature is { } max)
        {
            if (max < MaxTemperatureRange.Min || max > MaxTemperatureRange.Max)
            {
                Report("health.maxTemperature", $"must be from {MaxTemperatureRange.Min} to {MaxTemperatureRange.Max} (degrees Celsius), not {max.ToString(CultureInfo.InvariantCulture)}");
            }
            else
            {
                settings = settings with { MaxTemperature = max };
            }
        }
        return settings;
    }

    private string Name(string text, string path)
    {
        string name = text.Trim();
        if (name.Length == 0)
        {
            Report(path, "must not be empty");
        }
        else if (name.Length > MaximumNameLength)
        {
            Report(path, $"is {name.Length} characters long; at most {MaximumNameLength}");
        }
        else if (ConfigText.HasInvisible(name))
        {
            Report(path, $"{ConfigText.Quote(name)} has a line break or invisible character in it");
        }
        return name;
    }

    private TimeSpan? Duration(string text, string path, (TimeSpan Min, TimeSpan Max) range)
    {
        if (!HumanDuration.TryParse(text, out TimeSpan duration))
        {
            Report(path, $"{ConfigText.Quote(text)} is not a duration such as \"15s\", \"10m\" or \"8h\"");
            return null;
        }
        if (duration < range.Min || duration > range.Max)
        {
            Report(path, $"must be from {HumanDuration.Format(range.Min)} to {HumanDuration.Format(range.Max)}, not {ConfigText.Quote(text)}");
            return null;
        }
        return duration;
    }

    /// <summary>Claims a GPIO line for <paramref name="owner"/>; each line drives one thing.</summary>
    private int? Gpio(int line, string path, string owner)
    {
        if (line is < 0 or > MaximumGpioLine)
        {
            Report(path, $"must be a GPIO line number from 0 to {MaximumGpioLine}, not {line.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }
        if (!_gpioOwners.TryAdd(line, owner))
        {
            Report(path, $"GPIO line {line.ToString(CultureInfo.InvariantCulture)} is already used by {_gpioOwners[line]}");
            return null;
        }
        return line;
    }

    // An earlier pass may have reported this path already (a value of the wrong kind): that report stands.
    private void Report(string path, string reason) => _errors.Add(path, reason);
}
