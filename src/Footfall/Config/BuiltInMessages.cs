namespace Footfall.Config;

/// <summary>
/// The messages used where the file gives none. Past tense, so that {pronoun} fits "she", "he" and
/// "they" alike; short enough that even a 64-character name leaves room.
/// </summary>
public static class BuiltInMessages
{
    private static readonly IReadOnlyList<string> s_night =
    [
        "{name} is in. Either very early or very late: we are not asking.",
        "{name} just walked in. The office owls welcome you.",
        "Night shift: {name} is in. Someone put the kettle on.",
        "{name} is in while the city sleeps. Respect.",
    ];

    private static readonly IReadOnlyList<string> s_morning =
    [
        "Good morning, {name}!",
        "{name} is in. Coffee first, questions later.",
        "Morning, {name}! {pronoun} made it before the meetings did.",
        "{name} just walked in. That makes {count} in, and the day is young.",
        "Rise and shine: {name} is here.",
    ];

    private static readonly IReadOnlyList<string> s_noon =
    [
        "{name} is in, just in time for lunch.",
        "Good afternoon, {name}! Or is it still morning somewhere?",
        "{name} arrived. {pronoun} smelled the lunch from outside.",
        "Lunchtime arrival: welcome, {name}!",
    ];

    private static readonly IReadOnlyList<string> s_afternoon =
    [
        "Good afternoon, {name}!",
        "{name} is in. The afternoon just got better.",
        "{name} joined the {count} of us. Cake o'clock, anyone?",
        "Welcome, {name}! {pronoun} brought the afternoon energy.",
    ];

    private static readonly IReadOnlyList<string> s_evening =
    [
        "Good evening, {name}!",
        "{name} is burning the midnight oil.",
        "{name} just walked in. The evening crew grows to {count}.",
        "{name} is in for the evening. Someone order pizza.",
    ];

    private static readonly IReadOnlyList<string> s_groupNight =
    [
        "{name} just walked in. Nobody sleeps tonight.",
        "The night crew has arrived: {name}.",
    ];

    private static readonly IReadOnlyList<string> s_groupMorning =
    [
        "Good morning, {name}!",
        "{name} just walked in together. {count} in, coffee machine on alert.",
    ];

    private static readonly IReadOnlyList<string> s_groupNoon =
    [
        "{name} just walked in, right on time for lunch.",
        "Welcome, {name}! The lunch table grows.",
    ];

    private static readonly IReadOnlyList<string> s_groupAfternoon =
    [
        "Good afternoon, {name}!",
        "{name} just walked in. That makes {count} of us.",
    ];

    private static readonly IReadOnlyList<string> s_groupEvening =
    [
        "Good evening, {name}!",
        "{name} just walked in. The evening shift is {count} strong.",
    ];

    /// <summary>Arrival templates for a part of the day.</summary>
    public static IReadOnlyList<string> Arrival(DayPart part) => part switch
    {
        DayPart.Night => s_night,
        DayPart.Morning => s_morning,
        DayPart.Noon => s_noon,
        DayPart.Afternoon => s_afternoon,
        _ => s_evening,
    };

    /// <summary>Templates for several arrivals in one post; {name} is everyone's names joined.</summary>
    public static IReadOnlyList<string> Group(DayPart part) => part switch
    {
        DayPart.Night => s_groupNight,
        DayPart.Morning => s_groupMorning,
        DayPart.Noon => s_groupNoon,
        DayPart.Afternoon => s_groupAfternoon,
        _ => s_groupEvening,
    };

    public static IReadOnlyList<string> Departure { get; } =
    [
        "{name} left the building.",
        "{name} headed out. {count} still in.",
        "Bye, {name}! See you next time.",
    ];

    public static IReadOnlyList<string> LastOneOut { get; } =
    [
        "{name} was the last one out. Lights off, everyone home.",
        "And {name} turned off the lights. The office is empty.",
    ];
}
