using Footfall.Net;
using Footfall.Sweep;

namespace Footfall.Presence;

/// <summary>
/// Decides who is in from device sightings: pure logic, no I/O, time from <see cref="TimeProvider"/>.
/// A person arrives when any of their devices is seen (one arrival, however many devices) and leaves
/// only after none was seen for <see cref="PresenceRules.AwayAfter"/> and a departure check — unicast
/// ARP, an mDNS wake and ARP again to each device's last address (<see cref="DeparturePlan"/>) — went
/// unanswered. Beside presence it keeps each device's DHCP identity, counts an unknown device for a
/// person whose people[].hostnames lists its hostname, flags a private MAC that sends what a known
/// device sent before, and notices IP conflicts (<see cref="TakeNotices"/>). People found by the first sweep after a
/// start are recorded silently, and people the store remembers as in stay in across a restart.
/// The caller feeds sightings, calls <see cref="OnSweepCompleted"/> and <see cref="Tick"/>, and takes
/// the events, state changes, device updates and check requests that result.
/// </summary>
public sealed class PresenceTracker
{
    private readonly PresenceRules _rules;
    private readonly TimeProvider _time;
    private readonly Dictionary<MacAddress, PersonState> _owners = new();
    private readonly List<PersonState> _people = new();
    private readonly Dictionary<MacAddress, DeviceSeen> _devices = new();
    private readonly HashSet<MacAddress> _changedDevices = new();
    private readonly HashSet<PersonState> _changedPeople = new();
    private readonly List<PresenceEvent> _events = new();
    private readonly List<DepartureCheck> _checks = new();
    private readonly List<string> _notices = new();
    private readonly KnownIdentities _identities;
    private readonly IpConflicts _conflicts;
    private bool _firstSweepDone;
    private bool _newDeviceFacts;

    public PresenceTracker(
        IReadOnlyList<Person> people,
        PresenceRules rules,
        TimeProvider time,
        IReadOnlyList<PersonPresence>? restoredPresence = null,
        IReadOnlyList<DeviceSeen>? restoredDevices = null)
    {
        _rules = rules;
        _time = time;
        _identities = new KnownIdentities(people);
        _conflicts = new IpConflicts(rules.ConflictWindow);
        foreach (Person person in people)
        {
            var state = new PersonState(person);
            _people.Add(state);
            foreach (MacAddress mac in person.Devices)
            {
                _owners[mac] = state;
            }
        }
        foreach (PersonPresence saved in restoredPresence ?? [])
        {
            PersonState? state = _people.Find(p => p.Person.Name == saved.Name);
            if (state is not null && saved.IsIn)
            {
                state.IsIn = true;
                state.Since = saved.Since ?? saved.LastSeen ?? _time.GetUtcNow();
                state.LastSeen = saved.LastSeen ?? state.Since.Value;
            }
        }
        foreach (DeviceSeen device in restoredDevices ?? [])
        {
            // Ownership may have changed in the config since the device was stored: the config wins.
            PersonState? owner = _owners.GetValueOrDefault(device.Mac);
            bool byHostname = false;
            if (owner is null && _identities.ConfiguredOwner(device.Dhcp) is { } name)
            {
                owner = Adopt(device.Mac, name);
                byHostname = true;
            }
            else if (owner is not null && device.Dhcp is { } identity)
            {
                _identities.Learn(device.Mac, identity, owner.Person.Name);
            }
            _devices[device.Mac] = device with { Person = owner?.Person.Name, ByHostname = byHostname, ConflictWith = null };
        }
    }

    /// <summary>True once the first sweep after the start has completed.</summary>
    public bool FirstSweepDone => _firstSweepDone;

    /// <summary>Who is in now, in configuration order.</summary>
    public IEnumerable<PersonPresence> Presence => _people.Select(p => p.Snapshot());

    /// <summary>Takes in one sighting of a device.</summary>
    public void OnSighting(in Sighting sighting)
    {
        DateTimeOffset now = _time.GetUtcNow();
        _devices.TryGetValue(sighting.Mac, out DeviceSeen? previous);
        // IPv6 and a DHCP DISCOVER tell no IPv4 address, a DHCP request without options no identity:
        // what was known before stays.
        Ipv4Address ip = sighting.Ip != Ipv4Address.Any ? sighting.Ip : previous?.Ip ?? Ipv4Address.Any;
        DhcpIdentity? dhcp = sighting.Dhcp is { IsEmpty: false } identity ? identity : previous?.Dhcp;
        PersonState? owner = _owners.GetValueOrDefault(sighting.Mac);
        bool byHostname = previous?.ByHostname == true && owner is not null;
        string? probablyOf = null;
        if (owner is null && _identities.ConfiguredOwner(dhcp) is { } configured)
        {
            owner = Adopt(sighting.Mac, configured);
            byHostname = true;
            _notices.Add($"{sighting.Mac} counts for {configured}: its DHCP hostname \"{dhcp!.Hostname}\" is in people[].hostnames");
        }
        else if (owner is null && sighting.Mac.IsLocallyAdministered && _identities.ProbableOwner(dhcp) is { } probable)
        {
            probablyOf = probable;
            if (previous?.ProbablyOf != probable)
            {
                _notices.Add($"{sighting.Mac} is probably {probable}'s phone with a new private address: {Describe(dhcp!)} is what {probable}'s device sent before");
            }
        }
        else if (owner is not null && !byHostname && sighting.Dhcp is { IsEmpty: false } sent)
        {
            _identities.Learn(sighting.Mac, sent, owner.Person.Name);
        }
        if (sighting.ClaimsIp && _conflicts.OnClaim(ip, sighting.Mac, now, out MacAddress other))
        {
            _notices.Add($"IP conflict: {ip} is answered by both {other} and {sighting.Mac}");
            MarkConflict(other);
        }
        var seen = new DeviceSeen(sighting.Mac, ip, now, owner?.Person.Name)
        {
            Dhcp = dhcp,
            ByHostname = byHostname,
            ProbablyOf = probablyOf,
            ConflictWith = _conflicts.With(sighting.Mac),
        };
        _newDeviceFacts |= previous is null || previous with { LastSeen = now } != seen;
        _devices[sighting.Mac] = seen;
        _changedDevices.Add(sighting.Mac);

        if (owner is null)
        {
            // A visitor's device: worth a line in the log when it is new or back after a long absence.
            if (previous is null || now - previous.LastSeen >= _rules.AwayAfter)
            {
                _events.Add(new PresenceEvent(PresenceEventKind.UnknownDeviceSeen, now, Mac: sighting.Mac, Ip: KnownOrNull(ip), Announce: false));
            }
            return;
        }

        owner.LastSeen = now;
        owner.CheckStarted = null;
        _changedPeople.Add(owner);
        if (owner.IsIn)
        {
            return;
        }
        owner.IsIn = true;
        owner.Since = now;
        bool announce = _firstSweepDone || _rules.AnnounceOnStartup;
        _events.Add(new PresenceEvent(PresenceEventKind.Arrived, now, owner.Person.Name, sighting.Mac, KnownOrNull(ip), Announce: announce));
    }

    /// <summary>A sweep has completed: after the first, arrivals are announced and departures are judged.</summary>
    public void OnSweepCompleted() => _firstSweepDone = true;

    /// <summary>Judges departures: starts departure checks, and lets people go whose check went unanswered.</summary>
    public void Tick()
    {
        if (!_firstSweepDone)
        {
            // Before we have looked around once, silence means nothing.
            return;
        }
        DateTimeOffset now = _time.GetUtcNow();
        // An episode is logged once, when it starts; its end only clears the mark in `footfall devices`.
        foreach ((_, MacAddress a, MacAddress b) in _conflicts.EndQuiet(now, _rules.AwayAfter))
        {
            MarkConflict(a);
            MarkConflict(b);
        }
        foreach (PersonState state in _people)
        {
            if (!state.IsIn || now - state.LastSeen < _rules.AwayAfter)
            {
                continue;
            }
            if (state.CheckStarted is null)
            {
                state.CheckStarted = now;
                int asked = 0;
                foreach (MacAddress mac in state.Person.Devices.Concat(state.Adopted))
                {
                    // A device seen only by IPv6 has no IPv4 address to ask at.
                    if (_devices.TryGetValue(mac, out DeviceSeen? device) && device.Ip != Ipv4Address.Any)
                    {
                        _checks.Add(new DepartureCheck(state.Person.Name, mac, device.Ip));
                        asked++;
                    }
                }
                if (asked > 0)
                {
                    continue;
                }
                // No address to ask at: the check has nothing to wait for.
            }
            else if (now - state.CheckStarted.Value < _rules.DepartureCheckWindow)
            {
                continue;
            }
            Leave(state, now);
        }
    }

    /// <summary>
    /// How long until <see cref="Tick"/> could decide something with no new sighting: a person's
    /// <see cref="PresenceRules.AwayAfter"/> running out, a departure check's window closing, an IP
    /// conflict going quiet. Zero when something is due now; null when nothing is waiting on the clock.
    /// The caller can sleep that long instead of ticking every second, and decide at the same moment.
    /// </summary>
    public TimeSpan? UntilNextDecision()
    {
        if (!_firstSweepDone)
        {
            return null;
        }
        DateTimeOffset? next = _conflicts.NextQuietEnd(_rules.AwayAfter);
        foreach (PersonState state in _people)
        {
            if (!state.IsIn)
            {
                continue;
            }
            DateTimeOffset due = state.CheckStarted is { } started ? started + _rules.DepartureCheckWindow : state.LastSeen + _rules.AwayAfter;
            next = next is null || due < next ? due : next;
        }
        if (next is null)
        {
            return null;
        }
        TimeSpan until = next.Value - _time.GetUtcNow();
        return until > TimeSpan.Zero ? until : TimeSpan.Zero;
    }

    private void Leave(PersonState state, DateTimeOffset now)
    {
        // They were last here when a device was last seen; the check only confirmed it.
        TimeSpan stayed = state.LastSeen - state.Since!.Value;
        state.IsIn = false;
        state.Since = null;
        state.CheckStarted = null;
        _changedPeople.Add(state);
        _events.Add(new PresenceEvent(PresenceEventKind.Left, now, state.Person.Name, Stayed: stayed < TimeSpan.Zero ? TimeSpan.Zero : stayed));
    }

    private PersonState Adopt(MacAddress mac, string person)
    {
        PersonState state = _people.Find(p => p.Person.Name == person)!;
        _owners[mac] = state;
        state.Adopted.Add(mac);
        return state;
    }

    /// <summary>Brings a device's record up to date with the conflicts, when it is known.</summary>
    private void MarkConflict(MacAddress mac)
    {
        if (_devices.TryGetValue(mac, out DeviceSeen? device))
        {
            _devices[mac] = device with { ConflictWith = _conflicts.With(mac) };
            _newDeviceFacts |= _devices[mac] != device;
            _changedDevices.Add(mac);
        }
    }

    /// <summary>An event of a device seen before it had an IPv4 address (a DHCP DISCOVER, IPv6) has none.</summary>
    private static Ipv4Address? KnownOrNull(Ipv4Address ip) => ip == Ipv4Address.Any ? null : ip;

    private static string Describe(DhcpIdentity identity) =>
        identity.Hostname is { } hostname ? $"DHCP hostname \"{hostname}\"" : $"DHCP client id {identity.ClientId}";

    /// <summary>Lines for the log since the last call: devices counted by hostname, probable new private addresses, IP conflicts.</summary>
    public IReadOnlyList<string> TakeNotices() => Take(_notices);

    /// <summary>Events decided since the last call, oldest first.</summary>
    public IReadOnlyList<PresenceEvent> TakeEvents() => Take(_events);

    /// <summary>Departure checks to send now.</summary>
    public IReadOnlyList<DepartureCheck> TakeDepartureChecks() => Take(_checks);

    /// <summary>The presence of people whose state or last-seen time changed since the last call.</summary>
    public IReadOnlyList<PersonPresence> TakeChangedPresence()
    {
        var changed = _changedPeople.Select(p => p.Snapshot()).ToList();
        _changedPeople.Clear();
        return changed;
    }

    /// <summary>
    /// True when a device update since the last <see cref="TakeDeviceUpdates"/> says more than a later
    /// last-seen time: a new device, a new address, owner, DHCP identity or mark. Those are worth keeping
    /// at once; a last-seen time alone can wait for the next regular persist.
    /// </summary>
    public bool HasNewDeviceFacts => _newDeviceFacts;

    /// <summary>The latest sighting of every device seen since the last call.</summary>
    public IReadOnlyList<DeviceSeen> TakeDeviceUpdates()
    {
        var updates = _changedDevices.Select(mac => _devices[mac]).ToList();
        _changedDevices.Clear();
        _newDeviceFacts = false;
        return updates;
    }

    /// <summary>Forgets devices nobody owns that were last seen before <paramref name="cutoff"/>, so memory stays bounded.</summary>
    public void ForgetUnknownDevicesBefore(DateTimeOffset cutoff)
    {
        foreach ((MacAddress mac, DeviceSeen device) in _devices)
        {
            if (device.Person is null && device.LastSeen < cutoff)
            {
                _devices.Remove(mac);
                _changedDevices.Remove(mac);
            }
        }
        _conflicts.ForgetBefore(cutoff);
    }

    private static IReadOnlyList<T> Take<T>(List<T> list)
    {
        if (list.Count == 0)
        {
            return [];
        }
        T[] taken = list.ToArray();
        list.Clear();
        return taken;
    }

    private sealed class PersonState(Person person)
    {
        public Person Person { get; } = person;

        public bool IsIn { get; set; }

        public DateTimeOffset? Since { get; set; }

        public DateTimeOffset LastSeen { get; set; } = DateTimeOffset.MinValue;

        public DateTimeOffset? CheckStarted { get; set; }

        /// <summary>Devices that count for this person through people[].hostnames.</summary>
        public HashSet<MacAddress> Adopted { get; } = [];

        public PersonPresence Snapshot() =>
            new(Person.Name, IsIn, Since, LastSeen == DateTimeOffset.MinValue ? null : LastSeen);
    }
}
