using Footfall.Building;
using Footfall.Config;
using Footfall.Contracts;
using Footfall.Leds;
using Footfall.Presence;
using Footfall.Runtime;
using Footfall.Store;

namespace Footfall.Status;

/// <summary>
/// Everything the page reads, and nothing it could change: its own read-only connection to the store
/// (WAL: the daemon's writes never wait for it), the presence board and the health verdict.
/// </summary>
internal sealed class StatusSources
{
    private readonly IStoreReads _store;

    public StatusSources(IStoreReads store, FootfallSettings settings, PageInputs inputs, DateTimeOffset startedAt, TimeProvider time)
    {
        _store = store;
        Settings = settings;
        Health = inputs.Health;
        Board = inputs.Board;
        Judge = inputs.Judge;
        Building = inputs.Building;
        Update = inputs.Update;
        StartedAt = startedAt;
        Time = time;
    }

    public FootfallSettings Settings { get; }

    public Health Health { get; }

    public PresenceBoard Board { get; }

    public StatusJudge Judge { get; }

    /// <summary>The building (mqtt.building), or null when this appliance is alone.</summary>
    public BuildingModel? Building { get; }

    /// <summary>What the image's updater last said, for /api/health's update and the page.</summary>
    public UpdateNotice Update { get; }

    /// <summary>Who is in, as `footfall who --json` says, and with a building, the building too.</summary>
    public WhoJson Who()
    {
        IReadOnlyList<WhoRow> people = _store.Who();
        WhoJson who = StoreJson.Who(people, _store.PiEpisodes(Time.GetUtcNow() - PiFooter.Window), _store.LastPiReading(), Time.GetUtcNow());
        return Building is null ? who : who with { Building = BuildingJson.Of(Building.Snapshot([.. people.Select(p => new LocalPerson(p.Name, p.IsIn, p.LastSeen))])) };
    }

    public DateTimeOffset StartedAt { get; }

    public TimeProvider Time { get; }

    public IStoreReads Store => _store;

    /// <summary>What the status LED shows now, judged as the LED loop judges it.</summary>
    public StatusCondition Condition(HealthVerdict verdict) => Judge.Judge(verdict, Board.FirstSweepDone, Board.AnyoneIn);

    public HealthJson HealthNow()
    {
        DateTimeOffset now = Time.GetUtcNow();
        HealthVerdict verdict = Health.Verdict();
        StatusCondition condition = Condition(verdict);
        return new HealthJson(
            StatusPatterns.Meaning(condition),
            StatusPatterns.For(condition).Description,
            verdict.Healthy,
            verdict.Reasons,
            verdict.Problems,
            Update.Text,
            BuildInfo.Version,
            BuildInfo.Commit,
            StartedAt.ToUniversalTime(),
            (long)Math.Max(0, (now - StartedAt).TotalSeconds),
            PiFooter.Json(_store.PiEpisodes(now - PiFooter.Window), _store.LastPiReading(), now));
    }
}
