using Footfall.PiHealth;
using Microsoft.Data.Sqlite;

namespace Footfall.Store;

public sealed partial class FootfallStore
{
    /// <summary>
    /// Keeps the latest reading and the episodes that changed (started, peak rose, ended), in one transaction.
    /// An episode is its kind and start: writing it again updates its end and peak. A change to an episode is synced
    /// to the card before this returns; a reading alone is not (see <see cref="Write"/>): a power cut may cost it.
    /// </summary>
    public void RecordPiHealth(PiReading reading, IReadOnlyList<PiEpisode> episodes)
    {
        ArgumentNullException.ThrowIfNull(episodes);
        long now = UnixTime.ToMilliseconds(_time.GetUtcNow());
        Write("record the Pi's health", transaction =>
        {
            using SqliteCommand upsert = Sql.Command(_connection, transaction, """
                INSERT INTO pi_episodes (kind, started_at, ended_at, peak_mc) VALUES ($kind, $start, $end, $peak)
                ON CONFLICT (kind, started_at) DO UPDATE SET
                    ended_at = excluded.ended_at, peak_mc = coalesce(excluded.peak_mc, pi_episodes.peak_mc)
                """);
            foreach (PiEpisode episode in episodes)
            {
                Sql.Set(upsert, "$kind", StoredNames.Of(episode.Kind));
                Sql.Set(upsert, "$start", UnixTime.ToMilliseconds(episode.Start));
                Sql.Set(upsert, "$end", Sql.Milliseconds(episode.End));
                Sql.Set(upsert, "$peak", episode.Peak?.MilliCelsius);
                upsert.ExecuteNonQuery();
            }
            using SqliteCommand last = Sql.Command(_connection, transaction, """
                INSERT INTO pi_reading (id, at, temperature_mc, under_voltage) VALUES (1, $at, $temperature, $underVoltage)
                ON CONFLICT (id) DO UPDATE SET
                    at = excluded.at, temperature_mc = excluded.temperature_mc, under_voltage = excluded.under_voltage
                """);
            Sql.Set(last, "$at", now);
            Sql.Set(last, "$temperature", reading.Temperature?.MilliCelsius);
            Sql.Set(last, "$underVoltage", reading.UnderVoltage);
            last.ExecuteNonQuery();
            return 0;
        }, durable: episodes.Count > 0);
    }

    /// <summary>
    /// Ends the episodes an earlier run left open (it crashed, froze or lost power) at its last reading, the
    /// latest moment footfall knows they lasted; returns them. A new run starts its own episodes afresh.
    /// </summary>
    public IReadOnlyList<PiEpisode> CloseInterruptedPiEpisodes() => Write("close interrupted Pi episodes", transaction =>
    {
        using SqliteCommand command = Sql.Command(_connection, transaction, """
            UPDATE pi_episodes SET ended_at = max(started_at, coalesce((SELECT at FROM pi_reading WHERE id = 1), started_at))
            WHERE ended_at IS NULL
            RETURNING kind, started_at, ended_at, peak_mc
            """);
        return ReadEpisodes(command);
    });

    /// <summary>The episodes going on at or after <paramref name="since"/> (still open, or ended since), oldest first.</summary>
    public IReadOnlyList<PiEpisode> PiEpisodes(DateTimeOffset since) => Locked("read the Pi's episodes", () =>
    {
        using SqliteCommand command = Sql.Command(_connection, null, """
            SELECT kind, started_at, ended_at, peak_mc FROM pi_episodes
            WHERE ended_at IS NULL OR ended_at >= $since
            ORDER BY started_at, kind
            """);
        Sql.Set(command, "$since", UnixTime.ToMilliseconds(since));
        return ReadEpisodes(command);
    });

    /// <summary>The daemon's latest reading, or null if it never read a sensor (not a Pi, or not yet).</summary>
    public PiReadingRow? LastPiReading() => Locked("read the Pi's last reading", () =>
    {
        using SqliteCommand command = Sql.Command(_connection, null, "SELECT at, temperature_mc, under_voltage FROM pi_reading WHERE id = 1");
        using SqliteDataReader reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }
        var reading = new PiReading(
            Sql.NullableInt64(reader, 1) is { } milli ? new Temperature((int)milli) : null,
            Sql.NullableInt64(reader, 2) is { } alarm ? alarm != 0 : null);
        return new PiReadingRow(Sql.Time(reader, 0), reading);
    });

    private static List<PiEpisode> ReadEpisodes(SqliteCommand command)
    {
        using SqliteDataReader reader = command.ExecuteReader();
        var episodes = new List<PiEpisode>();
        while (reader.Read())
        {
            episodes.Add(new PiEpisode(
                StoredNames.ParsePiEpisodeKind(reader.GetString(0)),
                Sql.Time(reader, 1),
                Sql.NullableTime(reader, 2),
                Sql.NullableInt64(reader, 3) is { } peak ? new Temperature((int)peak) : null));
        }
        return episodes;
    }
}
