using Footfall.Hardware;
using Footfall.PiHealth;
using Footfall.Runtime;
using Footfall.Store;

namespace Footfall.Daemon;

/// <summary>
/// Polls the Pi's sensors every <see cref="PollEvery"/> and says what they mean: each episode of
/// under-voltage or overheating is logged when it starts and ends, kept in the store, and shown on the status
/// LED (the health area <see cref="HealthAreas.Pi"/>) while it lasts and for a day after.
/// </summary>
/// <remarks>
/// It runs beside the supervisor, as the LEDs and the config-status watch do, not under it as a worker: the
/// supervisor marks a crashed worker dead, which stops the watchdog's feeding, and repeated crashes end the
/// process. A sensor or a failed write here must never cost the office its appliance, so this loop catches
/// what it can fail at, says so once, and carries on.
/// </remarks>
public sealed class PiHealthLoop
{
    public static readonly TimeSpan PollEvery = TimeSpan.FromSeconds(5);

    /// <summary>
    /// While an episode lasts the latest reading is written this often (and with every episode change): it is how
    /// long an episode cut short by a crash is known to have lasted.
    /// </summary>
    public static readonly TimeSpan KeepReadingEvery = TimeSpan.FromMinutes(1);

    /// <summary>
    /// While all is well it is written at most this often: it is only what `footfall who` and the page show as the
    /// Pi's temperature, and every write on its own costs the SD card about 44 KB (its WAL frames, the WAL index's
    /// pages, and a commit of ext4's journal for the files' new times). So once it is due it waits for the store's
    /// next write (the tracker's last-seen times, every 20 minutes) and goes within a poll or two of it, in the
    /// same journal commit, ...
    /// </summary>
    public static readonly TimeSpan KeepCalmReadingEvery = TimeSpan.FromMinutes(20);

    /// <summary>... or on its own after this long without one.</summary>
    public static readonly TimeSpan KeepCalmReadingAtLatest = TimeSpan.FromMinutes(40);

    private readonly PiSensors _sensors;
    private readonly FootfallStore _store;
    private readonly Health _health;
    private readonly Log _log;
    private readonly TimeProvider _time;
    private readonly Temperature _limit;

    // Episode changes not yet in the store (a failed write is tried again), by kind and start.
    private readonly Dictionary<(PiEpisodeKind, DateTimeOffset), PiEpisode> _unkept = [];
    private PiEpisodeTracker? _tracker;
    private PiReading _last;
    private long? _keptAt;
    private bool _keepFailing;
    private string? _shown;
    private bool? _hadTemperature;
    private bool? _hadAlarm;

    public PiHealthLoop(PiSensors sensors, Config.HealthSettings settings, FootfallStore store, Health health, Log log, TimeProvider time)
    {
        _sensors = sensors;
        _store = store;
        _health = health;
        _log = log;
        _time = time;
        _limit = Temperature.FromCelsius(settings.MaxTemperature);
    }

    public async Task RunAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(PollEvery, _time);
        try
        {
            do
            {
                Poll();
            }
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
        }
        // The last reading marks how long an episode still open now is known to have lasted (see CloseInterruptedPiEpisodes).
        if (!_last.IsEmpty)
        {
            Keep();
        }
    }

    /// <summary>One poll: read the sensors, track, log, keep and show. Never throws for a sensor or the store.</summary>
    public void Poll()
    {
        _tracker ??= Restore();
        PiReading reading = _sensors.Read();
        SayWhatCanBeRead(reading);
        IReadOnlyList<PiEpisodeChange> changes = _tracker.Observe(reading);
        foreach (PiEpisodeChange change in changes)
        {
            if (PiEpisodeText.Describe(change, _limit) is { } line)
            {
                if (change.Change == PiEpisodeChangeKind.Started)
                {
                    _log.Warn(line);
                }
                else
                {
                    _log.Info(line);
                }
            }
            _unkept[(change.Episode.Kind, change.Episode.Start)] = change.Episode;
        }
        if (!reading.IsEmpty)
        {
            _last = reading;
        }
        bool due = _keptAt is not { } kept || (_tracker.Open.Count > 0 ? _time.GetElapsedTime(kept) >= KeepReadingEvery : CalmReadingDue(kept));
        if (_unkept.Count > 0 || (due && !reading.IsEmpty))
        {
            Keep();
        }
        Show(_tracker.Attention());
    }

    /// <summary>
    /// A tracker that starts afresh: episodes an earlier run left open are ended at its last reading, and the
    /// latest episode of the last day keeps the LED's warning up across a restart.
    /// </summary>
    private PiEpisodeTracker Restore()
    {
        PiEpisode? lastEnded = null;
        try
        {
            foreach (PiEpisode closed in _store.CloseInterruptedPiEpisodes())
            {
                _log.Info($"Pi: {PiEpisodeTracker.Name(closed.Kind)} was still going on when footfall last stopped: {PiEpisodeText.Span(closed)} at least");
            }
            lastEnded = _store.PiEpisodes(_time.GetUtcNow() - PiEpisodeTracker.ShownFor).Where(e => e.End is not null).MaxBy(e => e.End);
        }
        catch (StoreException e)
        {
            _log.Warn($"Pi: could not read earlier episodes: {e.Message}");
        }
        return new PiEpisodeTracker(_limit, _time, lastEnded);
    }

    // Due and the store has just written something else (a poll or two ago), or due long since.
    private bool CalmReadingDue(long kept)
    {
        TimeSpan since = _time.GetElapsedTime(kept);
        return since >= KeepCalmReadingAtLatest ||
            (since >= KeepCalmReadingEvery && _store.LastWriteTimestamp is { } written && _time.GetElapsedTime(written) <= 2 * PollEvery);
    }

    private void Keep()
    {
        try
        {
            _store.RecordPiHealth(_last, [.. _unkept.Values]);
            _unkept.Clear();
            _keptAt = _time.GetTimestamp();
            if (_keepFailing)
            {
                _log.Info("Pi: episodes are kept in the database again");
                _keepFailing = false;
            }
        }
        catch (StoreException e)
        {
            if (!_keepFailing)
            {
                _log.Warn($"Pi: could not keep the Pi's health in the database (trying again): {e.Message}");
                _keepFailing = true;
            }
        }
    }

    private void Show(string? attention)
    {
        if (attention != _shown)
        {
            _health.SetProblem(HealthAreas.Pi, attention);
            _shown = attention;
        }
    }

    /// <summary>Says once which sensors there are, and when one stops or starts answering; a machine with none hears nothing.</summary>
    private void SayWhatCanBeRead(PiReading reading)
    {
        bool temperature = reading.Temperature is not null;
        bool alarm = reading.UnderVoltage is not null;
        if (_hadTemperature is null || _hadAlarm is null)
        {
            var what = new List<string>();
            if (temperature)
            {
                what.Add($"the SoC temperature ({reading.Temperature}; overheating from {_limit})");
            }
            if (alarm)
            {
                what.Add($"the supply ({PiSensors.VoltageSensorName})");
            }
            if (what.Count > 0)
            {
                _log.Info($"Pi: watching {string.Join(" and ", what)}");
            }
        }
        else
        {
            SayIfChanged(_hadTemperature.Value, temperature, "the SoC temperature");
            SayIfChanged(_hadAlarm.Value, alarm, $"the under-voltage alarm ({PiSensors.VoltageSensorName})");
        }
        _hadTemperature = temperature;
        _hadAlarm = alarm;
    }

    private void SayIfChanged(bool had, bool has, string what)
    {
        if (had && !has)
        {
            _log.Warn($"Pi: {what} can no longer be read");
        }
        else if (!had && has)
        {
            _log.Info($"Pi: {what} can be read now");
        }
    }
}
