using Footfall.Announce;
using Footfall.Announce.X;
using Footfall.Building;
using Footfall.Bus;
using Footfall.Bus.Mqtt;
using Footfall.Bus.ZenIrcBot;
using Footfall.Config;
using Footfall.Hardware;
using Footfall.Hardware.Leds;
using Footfall.Hardware.Watchdog;
using Footfall.Leds;
using Footfall.Net.Linux;
using Footfall.Presence;
using Footfall.Runtime;
using Footfall.Status;
using Footfall.Store;
using Footfall.Sweep;

namespace Footfall.Daemon;

/// <summary>
/// Wires the workers of `footfall run` together — sweeper → tracker → store → announcer — under one
/// supervisor, and keeps an eye on health: its own, and the Pi's power and temperature. Everything it needs is decided before (settings, the
/// interface, the open store), so that what can be wrong with the input is reported before it starts.
/// </summary>
public sealed class DaemonHost
{
    private static readonly TimeSpan s_healthEvery = TimeSpan.FromSeconds(5);

    private readonly FootfallSettings _settings;
    private readonly InterfaceInfo _link;
    private readonly SweepTargets _targets;
    private readonly FootfallStore _store;
    private readonly Log _log;
    private readonly TimeProvider _time;
    private readonly BuildingModel? _building;
    private XClient? _xClient;

    public DaemonHost(FootfallSettings settings, InterfaceInfo link, SweepTargets targets, FootfallStore store, Log log, TimeProvider time)
    {
        _settings = settings;
        _link = link;
        _targets = targets;
        _store = store;
        _log = log;
        _time = time;
        Health = new Health(time);
        // With mqtt.building, the appliances of the building announce each person once between them.
        _building = settings.Mqtt is { Building: not null } mqtt
            ? new BuildingModel(mqtt.SiteId, settings.Site.Name, settings.Presence.AwayAfter, time)
            : null;
    }

    public Health Health { get; }

    /// <summary>How the LEDs and the watchdog are reached; the defaults are the real ones.</summary>
    public DaemonHardware Hardware { get; init; } = new();

    public async Task<int> RunAsync(CancellationToken stopping)
    {
        var mailboxes = new Mailboxes();
        TimeSpan interval = _settings.Network.SweepInterval;
        // A sweep is late when three intervals pass without one: a lost frame or a slow pass is not a hang.
        Health.Expect(SweepWorker.ProgressName, (interval * 3) + TimeSpan.FromSeconds(10));
        Health.Expect(StoreWorker.ProgressName, TimeSpan.FromMinutes(3));

        var rules = new PresenceRules
        {
            AwayAfter = _settings.Presence.AwayAfter,
            AnnounceOnStartup = _settings.Presence.AnnounceOnStartup,
            Departure = _settings.Presence.Departure,
        };
        IWorker[] workers =
        [
            new SweepWorker(new SweepPlan(() => InterfaceInfo.Query(_link.Name), _targets, new SweepOptions(), interval), mailboxes, Health, _log, _time) { Recorder = Hardware.Capture, Departure = rules.Departure },
            new TrackerWorker(() => RestoreTracker(rules), mailboxes, _settings.Retention.UnknownDevices, _time) { Log = _log },
            new StoreWorker(_store, _settings.Retention, mailboxes, Health, _log, _time),
            Announcer(mailboxes),
            .. BusWorkers(mailboxes),
        ];
        var judge = new StatusJudge(StoreWorker.WorkerName, StoreWorker.ProgressName);
        var update = new UpdateNotice();
        var supervisor = new Supervisor(workers, new SupervisorPolicy(), _time, Health, _log);
        // The LEDs and the watchdog run beside the supervisor, not under it: they must outlive the
        // workers' shutdown, and the watchdog is disarmed only once everything stopped cleanly.
        List<ILedDriver> leds = OpenLeds();
        WatchdogFeeder? feeder = WatchdogLoop.Open(_settings.Watchdog, Hardware.Watchdog, _settings.Leds.Chip, Hardware.OpenChip, Health.Verdict, _log, _time);
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        using SystemdNotify? systemd = SystemdNotify.FromEnvironment(_log);
        Task[] beside =
        [
            WatchHealthAsync(systemd, watching.Token),
            _building is not null ? TellTheBuildingAsync(_building, mailboxes.Committed, watching.Token) : Task.CompletedTask,
            _building is not null ? RecordOrphansAsync(_building, mailboxes, watching.Token) : Task.CompletedTask,
            ConfigStatus.WatchAsync(Environment.GetEnvironmentVariable(ConfigStatus.EnvironmentVariable), Health, _log, _time, watching.Token),
            ReportStatus.WatchAsync(Environment.GetEnvironmentVariable(ReportStatus.EnvironmentVariable), Health, _log, _time, watching.Token),
            UpdateStatus.WatchAsync(Environment.GetEnvironmentVariable(UpdateStatus.EnvironmentVariable), Health, update, _log, _time, watching.Token),
            new PiHealthLoop(new PiSensors(Hardware.SysfsRoot), _settings.Health, _store, Health, _log, _time).RunAsync(watching.Token),
            leds.Count > 0 ? new LedLoop(leds, Health.Verdict, judge, mailboxes.Presence, _settings.People, _log, _time) { HealthChanged = Health.Changed, UntilHealthMayChange = Health.UntilLate }.RunAsync(watching.Token) : Task.CompletedTask,
            feeder is not null ? WatchdogLoop.RunAsync(feeder, _time, watching.Token) : Task.CompletedTask,
            StatusServer.RunAsync(
                _settings, Path.GetDirectoryName(_store.DatabasePath)!, new PageInputs(Health, mailboxes.Presence, mailboxes.Committed, judge) { Building = _building, Update = update }, _log, _time, watching.Token),
        ];
        int exitCode = await supervisor.RunAsync(stopping).ConfigureAwait(false);
        await watching.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(beside).ConfigureAwait(false);
        _xClient?.Dispose();
        feeder?.Close(deliberate: exitCode == 0 && stopping.IsCancellationRequested);
        foreach (ILedDriver led in leds)
        {
            led.Dispose();
        }
        return exitCode;
    }

    /// <summary>The real LEDs if there are any, and the terminal panel when asked or when there are none and a person is watching.</summary>
    private List<ILedDriver> OpenLeds()
    {
        var drivers = new List<ILedDriver>();
        HardwareLeds hardware = HardwareLeds.Open(_settings.Leds, _settings.People, _log, Hardware.OpenChip);
        if (!hardware.IsEmpty)
        {
            _log.Info($"LEDs: {hardware.Description}");
            drivers.Add(hardware);
        }
        if (StripLeds.Open(_settings.Leds.Strip, _settings.People, _log, Hardware.OpenSpi) is { } strip)
        {
            _log.Info($"LEDs: {strip.Description}");
            drivers.Add(strip);
        }
        if (Hardware.Panel || (drivers.Count == 0 && !Console.IsOutputRedirected))
        {
            drivers.Add(new LedPanel(_log));
        }
        return drivers;
    }

    /// <summary>A tracker that knows what the store knows: who is in, and where their devices were last seen.</summary>
    private PresenceTracker RestoreTracker(PresenceRules rules)
    {
        var devices = _store.Devices().Select(d => d.ToSeen()).ToList();
        return new PresenceTracker(_settings.People, rules, _time, _store.LoadPresence(), devices);
    }

    /// <summary>X when the configuration has an account; otherwise the posts X would get, as lines on stdout.</summary>
    private IWorker Announcer(Mailboxes mailboxes)
    {
        if (_settings.Announce is { X: { } x } announce)
        {
            _xClient ??= new XClient(x, _time);
            var publisher = new XPublisher(
                _store, _xClient, new AnnouncerSetup(announce, _settings.People, _settings.Site.TimeZone, _time, new Random(), _building),
                new ClockGate(x.ClockSyncMarker), Health, _log);
            return new AnnounceWorker(publisher, mailboxes, _time);
        }
        var console = new ConsoleAnnouncer(
            _store, Console.Out, _settings.Announce ?? new AnnounceSettings(), _settings.People, _settings.Site.TimeZone, _time, new Random(), _building);
        return new AnnounceWorker(console, mailboxes, _time);
    }

    /// <summary>The buses the configuration names, each its own worker with its own outbox rows.</summary>
    private List<IWorker> BusWorkers(Mailboxes mailboxes)
    {
        var workers = new List<IWorker>();
        var bus = new BusContext(_store, mailboxes.Bus, mailboxes.Presence, Health, _log, _time);
        var destinations = new List<OutboxDestination> { OutboxDestination.Announce };
        if (_settings.Mqtt is { } mqtt)
        {
            workers.Add(new MqttWorker(mqtt, _settings.Site.Name,
                _settings.Status.PageUrl(Environment.GetEnvironmentVariable, Environment.MachineName), bus) { Building = _building });
            destinations.Add(OutboxDestination.Mqtt);
        }
        if (_settings.ZenIrcBot is { } zen)
        {
            workers.Add(new ZenIrcBotWorker(zen, _settings, bus));
            if (zen.Announce)
            {
                destinations.Add(OutboxDestination.ZenIrcBot);
            }
        }
        _store.Destinations = destinations;
        return workers;
    }

    /// <summary>The building model learns who is in here from the store: at start, then each committed arrival and departure.</summary>
    private async Task TellTheBuildingAsync(BuildingModel building, Broadcast<IReadOnlyList<PresenceEvent>> committed, CancellationToken stopping)
    {
        DateTimeOffset now = _time.GetUtcNow();
        foreach (Store.WhoRow row in _store.Who().Where(w => w.IsIn))
        {
            building.Local(Text.Slug.Of(row.Name), home: true, row.Since ?? now);
        }
        try
        {
            await foreach (IReadOnlyList<PresenceEvent> events in committed.Listen(stopping).ConfigureAwait(false))
            {
                foreach (PresenceEvent e in events.Where(e => e.Person is not null && e.Kind is PresenceEventKind.Arrived or PresenceEventKind.Left))
                {
                    building.Local(Text.Slug.Of(e.Person!), e.Kind == PresenceEventKind.Arrived, e.At);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>
    /// Departures nobody saw (an appliance died with people in, and awayAfter has passed): when this appliance is
    /// the one to record them, they go to the store as departures of its own, to be posted like any other. And posts
    /// this appliance had left to an appliance that died owing them: their announcements are composed again.
    /// </summary>
    private async Task RecordOrphansAsync(BuildingModel building, Mailboxes mailboxes, CancellationToken stopping)
    {
        try
        {
            // Asleep until a peer's status or the link changes, or until the next offline peer's people stop counting.
            while (!stopping.IsCancellationRequested)
            {
                Task changed = building.PeersChanged.Next;
                List<PresenceEvent> left = [.. building.OrphansDue()
                    .Select(o => (Person: _settings.People.FirstOrDefault(p => Text.Slug.Of(p.Name) == o.Slug), o.At))
                    .Where(o => o.Person is not null)
                    .Select(o => new PresenceEvent(PresenceEventKind.Left, o.At, o.Person!.Name))];
                if (left.Count > 0)
                {
                    _log.Info($"building: {string.Join(", ", left.Select(e => e.Person))} counted out: the appliance that had them in has been offline for presence.awayAfter");
                    await mailboxes.Store.Writer.WriteAsync(new StoreWork(left, [], []), stopping).ConfigureAwait(false);
                }
                TakeOver(building, mailboxes);
                TimeSpan? orphans = building.UntilOrphansDue(), takeovers = building.UntilTakeoversDue();
                TimeSpan? wake = orphans is null || (takeovers is not null && takeovers < orphans) ? takeovers : orphans;
                await Doorbell.WaitAsync(changed, wake ?? Timeout.InfiniteTimeSpan, _time, stopping).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or System.Threading.Channels.ChannelClosedException)
        {
        }
    }

    /// <summary>Reopens the announcements of own changes whose owner died owing their post, for the announcer to judge again.</summary>
    private void TakeOver(BuildingModel building, Mailboxes mailboxes)
    {
        bool reopened = false;
        foreach ((PresenceEventKind kind, string slug, DateTimeOffset at) in building.TakeoversDue())
        {
            if (_settings.People.FirstOrDefault(p => Text.Slug.Of(p.Name) == slug) is { } person && _store.Reopen(person.Name, kind, at))
            {
                _log.Info($"building: {person.Name}'s {StoredNames.Of(kind)} at {at:O} is posted here if no other floor does: the appliance that owed its post went offline");
                reopened = true;
            }
        }
        if (reopened)
        {
            mailboxes.OutboxChanged.Writer.TryWrite(true);
        }
    }

    /// <summary>Logs each change of the health verdict once, with its reasons, and tells systemd (when it listens) what it means.</summary>
    private async Task WatchHealthAsync(SystemdNotify? systemd, CancellationToken stopping)
    {
        string last = "";
        using var timer = new PeriodicTimer(s_healthEvery, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
            {
                HealthVerdict verdict = Health.Verdict();
                systemd?.Tell(verdict);
                string now = verdict.Healthy ? "" : string.Join("; ", verdict.Reasons);
                if (now != last)
                {
                    if (verdict.Healthy)
                    {
                        _log.Info("healthy again");
                    }
                    else
                    {
                        _log.Warn($"unhealthy: {now}");
                    }
                    last = now;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
