namespace Footfall.Config;

/// <summary>What an announcement template may contain: text and the placeholders below, filled in per post.</summary>
public static class MessageTemplates
{
    /// <summary>The person's name; in a group post, everyone's names joined ("Alice, Bob and Carol").</summary>
    public const string Name = "{name}";

    /// <summary>
    /// The person's pronoun as the file gives it ("she", "they"); "they" in a group post. A template with it is
    /// only picked for someone the file gives a pronoun for, unless every template has it (then "they").
    /// </summary>
    public const string Pronoun = "{pronoun}";

    /// <summary>How many people are in now (after the arrivals or departure the post is about).</summary>
    public const string Count = "{count}";

    /// <summary>X counts a post's length in characters up to this; a template may not be longer.</summary>
    public const int MaximumLength = 280;

    public static IReadOnlyList<string> Placeholders { get; } = [Name, Pronoun, Count];
}
