namespace Footfall.Leds;

/// <summary>
/// The status LED's vocabulary, the legend docs/operating.md shows the office. Codes count from two so that a
/// code is never mistaken for the single short blink of "healthy, nobody in".
/// </summary>
public static class StatusPatterns
{
    private static readonly TimeSpan s_codeOn = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan s_codeGap = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan s_codePause = TimeSpan.FromMilliseconds(1800);
    private static readonly TimeSpan s_flash = TimeSpan.FromMilliseconds(100);

    private static readonly BlinkPattern[] s_patterns = Enum.GetValues<StatusCondition>().Select(Create).ToArray();

    public static BlinkPattern For(StatusCondition condition) => s_patterns[(int)condition];

    private static BlinkPattern Create(StatusCondition condition) => condition switch
    {
        StatusCondition.Updating => BlinkPattern.Spans(
            "triple flash, every 1.5 s", s_flash, TimeSpan.FromMilliseconds(200), s_flash, TimeSpan.FromMilliseconds(200), s_flash, TimeSpan.FromMilliseconds(800)),
        StatusCondition.StickWriting => BlinkPattern.Spans(
            "double flash, every second", TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(700)),
        StatusCondition.StickDone => BlinkPattern.Blink("slow blink, 2 s on, 2 s off", TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2)),
        StatusCondition.ConfigRejected => Code(2),
        StatusCondition.NoNetwork => Code(3),
        StatusCondition.StorageFailing => Code(4),
        StatusCondition.AnnounceFailing => Code(5),
        StatusCondition.ClockNotSynchronised => Code(6),
        StatusCondition.PiPowerOrHeat => Code(7),
        StatusCondition.UpdateFailed => Code(8),
        StatusCondition.Stuck => BlinkPattern.Blink("fast flicker", TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100)),
        StatusCondition.Booting => BlinkPattern.Blink("even blink, once a second", TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(500)),
        StatusCondition.HealthySomeoneIn => BlinkPattern.Steady,
        StatusCondition.HealthyNobodyIn => BlinkPattern.Blink("short blink every 3 s", TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(2900)),
        _ => throw new ArgumentOutOfRangeException(nameof(condition), condition, null),
    };

    /// <summary>What the condition means, for the terminal panel and the log.</summary>
    public static string Meaning(StatusCondition condition) => condition switch
    {
        StatusCondition.Updating => "installing an update from the USB stick: leave it in and the power on",
        StatusCondition.StickWriting => "writing a support report to the USB stick: leave it in",
        StatusCondition.StickDone => "the support report is done: the USB stick may be pulled out",
        StatusCondition.ConfigRejected => "configuration rejected",
        StatusCondition.UpdateFailed => "an update was refused, failed or rolled back: the old version runs on",
        StatusCondition.NoNetwork => "no network (interface down or no IPv4 address)",
        StatusCondition.StorageFailing => "storage failing",
        StatusCondition.AnnounceFailing => "announcing failing",
        StatusCondition.ClockNotSynchronised => "clock not synchronised",
        StatusCondition.PiPowerOrHeat => "the Pi had under-voltage or overheated (now or in the last day)",
        StatusCondition.Stuck => "stuck: the watchdog is not fed, a reset follows",
        StatusCondition.Booting => "starting",
        StatusCondition.HealthySomeoneIn => "healthy, someone is in",
        StatusCondition.HealthyNobodyIn => "healthy, nobody is in",
        _ => throw new ArgumentOutOfRangeException(nameof(condition), condition, null),
    };

    private static BlinkPattern Code(int count) => BlinkPattern.Code(count, s_codeOn, s_codeGap, s_codePause);
}
