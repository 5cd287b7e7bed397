using Footfall.Building;
using Footfall.Presence;
using Footfall.Tests.Support;

namespace Footfall.Tests.Building;

/// <summary>
/// Several appliances' building models, each on its own clock (which may be seconds off the others'), and a
/// broker between them that delivers every state change at once, as retained messages would: what footfall's
/// MQTT worker does, without the network. Time passes for all of them together.
/// </summary>
internal sealed class Floors
{
    public static readonly TimeSpan AwayAfter = TimeSpan.FromMinutes(10);

    private readonly Dictionary<string, (BuildingModel Model, ManualClock Clock)> _floors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Site, string Slug), bool> _home = [];
    private readonly Dictionary<(string Site, string Slug), BuildingChange> _changes = [];

    /// <param name="floors">Site id, name, and how far that appliance's clock is off.</param>
    public Floors(params (string Id, string Name, TimeSpan Skew)[] floors)
    {
        var start = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
        foreach ((string id, string name, TimeSpan skew) in floors)
        {
            var clock = new ManualClock(start + skew);
            var model = new BuildingModel(id, name, AwayAfter, clock);
            _floors[id] = (model, clock);
            _names[id] = name;
        }
        foreach ((string id, string name, _) in floors)
        {
            Model(id).LinkUp();
            foreach (string other in _floors.Keys.Where(o => o != id))
            {
                Model(other).HeardName(id, name);
                Model(other).HeardStatus(id, online: true, retained: true);
            }
        }
        Pass(BuildingModel.RaceWindow);
    }

    public BuildingModel Model(string id) => _floors[id].Model;

    public DateTimeOffset Now(string id) => _floors[id].Clock.GetUtcNow();

    public void Pass(TimeSpan time)
    {
        foreach ((_, ManualClock clock) in _floors.Values)
        {
            clock.Advance(time);
        }
    }

    /// <summary>The appliance's tracker decides the person is in (or out); every other appliance hears it.</summary>
    /// <returns>The event's time on that appliance's clock.</returns>
    public DateTimeOffset Sees(string id, string slug, bool home)
    {
        _home[(id, slug)] = home;
        foreach (string other in _floors.Keys.Where(o => o != id))
        {
            Model(other).HeardPerson(id, slug, home, retained: false);
        }
        return Now(id);
    }

    /// <summary>
    /// <paramref name="first"/> and then, <paramref name="gap"/> later, <paramref name="second"/> see the person come
    /// in (or go); once the race window has closed, what each of them says of its own event.
    /// </summary>
    public (AnnounceVerdict First, AnnounceVerdict Second) Race(string slug, bool home, string first, string second, TimeSpan gap)
    {
        DateTimeOffset atFirst = Sees(first, slug, home);
        Pass(gap);
        DateTimeOffset atSecond = Sees(second, slug, home);
        Pass(BuildingModel.RaceWindow);
        PresenceEventKind kind = home ? PresenceEventKind.Arrived : PresenceEventKind.Left;
        return (Judge(first, kind, slug, atFirst), Judge(second, kind, slug, atSecond));
    }

    /// <summary>
    /// <paramref name="winner"/> sees the person come in and holds its post (its record says owed); <paramref name="loser"/>
    /// sees them 400 ms later and, once its race window has closed (the winner's is still open), judges its own.
    /// </summary>
    /// <returns>Each one's event time, on its clock, and what the loser said.</returns>
    public (DateTimeOffset AtWinner, DateTimeOffset AtLoser, AnnounceVerdict Loser) Deferred(string winner, string loser, string slug)
    {
        DateTimeOffset atWinner = Sees(winner, slug, home: true);
        Assert.Equal(VerdictKind.Hold, Judge(winner, PresenceEventKind.Arrived, slug, atWinner).Kind);
        Pass(TimeSpan.FromMilliseconds(400));
        DateTimeOffset atLoser = Sees(loser, slug, home: true);
        Pass(BuildingModel.RaceWindow);
        return (atWinner, atLoser, Judge(loser, PresenceEventKind.Arrived, slug, atLoser));
    }

    /// <summary>The appliance dies: the broker gives the others its will.</summary>
    public void Killed(string id)
    {
        _floors[id].Model.LinkDown();
        foreach (string other in _floors.Keys.Where(o => o != id))
        {
            Model(other).HeardStatus(id, online: false, retained: false);
        }
    }

    /// <summary>
    /// The appliance starts again (its pending events still in its store): a new model on the same clock, which
    /// connects and finds the others' state retained on the broker; the others hear it online again.
    /// </summary>
    public void Restarted(string id)
    {
        ManualClock clock = _floors[id].Clock;
        var model = new BuildingModel(id, _names[id], AwayAfter, clock);
        _floors[id] = (model, clock);
        model.LinkUp();
        foreach (string other in _floors.Keys.Where(o => o != id))
        {
            model.HeardName(other, _names[other]);
            model.HeardStatus(other, online: true, retained: true);
            Model(other).HeardStatus(id, online: true, retained: false);
        }
        foreach (((string site, string slug), bool home) in _home.Where(h => h.Key.Site != id))
        {
            model.HeardPerson(site, slug, home, retained: true);
        }
        foreach (((string site, string slug), BuildingChange change) in _changes)
        {
            model.HeardChange(site, slug, change);
        }
    }

    /// <summary>What each appliance says of its own event, once the race window has closed.</summary>
    /// <remarks>Its change records then reach every other appliance, and stay retained, as the MQTT worker publishes them.</remarks>
    public AnnounceVerdict Judge(string id, PresenceEventKind kind, string slug, DateTimeOffset at)
    {
        AnnounceVerdict verdict = Model(id).Judge(kind, slug, at);
        foreach ((string person, BuildingChange change) in Model(id).OwnChanges())
        {
            _changes[(id, person)] = change;
            foreach (string other in _floors.Keys.Where(o => o != id))
            {
                Model(other).HeardChange(id, person, change);
            }
        }
        return verdict;
    }
}
