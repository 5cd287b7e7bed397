using System.Text.Json;
using Footfall.Contracts;
using Footfall.PiHealth;
using Footfall.Store;

namespace Footfall.Tests.Cli;

/// <summary>The Pi's lines under `footfall who`, text and JSON, in UTC so that the times read as written.</summary>
public class PiFooterTests
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 21, 11, 0, 0, TimeSpan.Zero);
    private static readonly PiReadingRow s_warm = new(s_now.AddSeconds(-40), new PiReading(new Temperature(47_200), false));

    [Fact]
    public void TheBriefsExampleReadsAsWritten()
    {
        PiEpisode[] episodes =
        [
            UnderVoltage(s_now.AddDays(-2).AddHours(3), minutes: 1),
            Overheating(s_now.AddHours(-3), minutes: 20, peak: 84_300),
            UnderVoltage(At(10, 2), minutes: 3),
        ];
        Assert.Equal(
            "Pi: 2 under-voltage episodes (last 10:02–10:05), 1 overheating (last peak 84.3 °C) in the last 7 days; now 47.2 °C",
            Line(episodes, s_warm));
    }

    [Fact]
    public void OneKindAloneNamesItsEpisodes()
    {
        Assert.Equal("Pi: 1 overheating episode (last peak 81.0 °C) in the last 7 days; now 47.2 °C", Line([Overheating(At(9, 0), 5, 81_000)], s_warm));
        Assert.Equal("Pi: 1 under-voltage episode (last 09:00–09:05) in the last 7 days; now 47.2 °C", Line([UnderVoltage(At(9, 0), 5)], s_warm));
    }

    [Fact]
    public void AShortSagWithinOneMinuteGetsItsLength()
    {
        PiEpisode sag = new(PiEpisodeKind.UnderVoltage, At(9, 0).AddSeconds(31), At(9, 0).AddSeconds(51), null);
        Assert.Equal("Pi: 1 under-voltage episode (last 09:00, 20s) in the last 7 days; now 47.2 °C", Line([sag], s_warm));
    }

    [Fact]
    public void EpisodesOfOtherDaysAndGoingOnNowSaySo()
    {
        PiEpisode overnight = UnderVoltage(new DateTimeOffset(2026, 11, 19, 23, 58, 0, TimeSpan.Zero), minutes: 5);
        Assert.Equal("Pi: 1 under-voltage episode (last 2026-11-19 23:58–2026-11-20 00:03) in the last 7 days; now 47.2 °C", Line([overnight], s_warm));
        PiEpisode open = new(PiEpisodeKind.UnderVoltage, At(10, 40), null, null);
        PiEpisode hot = new(PiEpisodeKind.Overheating, At(10, 45), null, new Temperature(82_500));
        Assert.Equal(
            "Pi: 1 under-voltage episode (going on since 10:40), 1 overheating (going on since 10:45, peak 82.5 °C so far) in the last 7 days; now 47.2 °C",
            Line([open, hot], s_warm));
    }

    [Fact]
    public void AQuietPiSaysSoAndAnOldReadingSaysWhen()
    {
        Assert.Equal("Pi: no under-voltage or overheating in the last 7 days; now 47.2 °C", Line([], s_warm));
        PiReadingRow old = s_warm with { At = s_now.AddDays(-1).AddMinutes(-5) };
        Assert.Equal("Pi: no under-voltage or overheating in the last 7 days; 47.2 °C at 2026-11-20 10:55 (the daemon's last reading)", Line([], old));
        PiReadingRow alarmOnly = s_warm with { Reading = new PiReading(null, false) };
        Assert.Equal("Pi: no under-voltage or overheating in the last 7 days", Line([], alarmOnly));
    }

    [Fact]
    public void AMachineThatNeverReadASensorSaysNothing()
    {
        Assert.Null(Line([], null));
        Assert.Null(PiFooter.Json([], null, s_now));
    }

    [Fact]
    public void TheJsonHasEveryKeyCountsAndUtcTimes()
    {
        PiEpisode[] episodes = [UnderVoltage(At(10, 2), 3), new(PiEpisodeKind.Overheating, At(10, 30), null, new Temperature(84_300))];
        var who = new WhoJson([], PiFooter.Json(episodes, s_warm, s_now));
        using JsonDocument json = JsonDocument.Parse(JsonSerializer.Serialize(who, CliJson.Default.WhoJson));
        JsonElement pi = json.RootElement.GetProperty("pi");
        Assert.Equal(s_now.AddDays(-7), pi.GetProperty("since").GetDateTimeOffset());
        Assert.Equal((1, 1), (pi.GetProperty("underVoltageEpisodes").GetInt32(), pi.GetProperty("overheatingEpisodes").GetInt32()));
        Assert.Equal(47.2, pi.GetProperty("temperatureCelsius").GetDouble());
        Assert.False(pi.GetProperty("underVoltage").GetBoolean());
        Assert.Equal(s_warm.At, pi.GetProperty("readAt").GetDateTimeOffset());
        JsonElement[] listed = [.. pi.GetProperty("episodes").EnumerateArray()];
        Assert.Equal(["under_voltage", "overheating"], listed.Select(e => e.GetProperty("kind").GetString()));
        Assert.Equal(At(10, 5), listed[0].GetProperty("end").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, listed[0].GetProperty("peakCelsius").ValueKind);
        Assert.Equal(JsonValueKind.Null, listed[1].GetProperty("end").ValueKind);
        Assert.Equal(84.3, listed[1].GetProperty("peakCelsius").GetDouble());
        Assert.EndsWith("+00:00\"", listed[1].GetProperty("start").GetRawText());
    }

    [Fact]
    public void WithoutSensorsTheJsonSaysPiNull()
    {
        using JsonDocument json = JsonDocument.Parse(JsonSerializer.Serialize(new WhoJson([], null), CliJson.Default.WhoJson));
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("pi").ValueKind);
    }

    private static string? Line(IReadOnlyList<PiEpisode> episodes, PiReadingRow? last) => PiFooter.Line(episodes, last, s_now, TimeZoneInfo.Utc);

    private static DateTimeOffset At(int hour, int minute) => new(2026, 11, 21, hour, minute, 0, TimeSpan.Zero);

    private static PiEpisode UnderVoltage(DateTimeOffset start, int minutes) =>
        new(PiEpisodeKind.UnderVoltage, start, start.AddMinutes(minutes), null);

    private static PiEpisode Overheating(DateTimeOffset start, int minutes, int peak) =>
        new(PiEpisodeKind.Overheating, start, start.AddMinutes(minutes), new Temperature(peak));
}
