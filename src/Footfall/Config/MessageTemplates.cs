namespace Footfall.Config;

/// <summary>What an announcement template may contain: text and the placeholders below, filled in per person.</summary>
public static class MessageTemplates
{
    /// <summary>The person's name.</summary>
    public const string Name = "{name}";

    /// <summary>The person's pronoun as the file gives it ("she", "they"); empty if it gives none.</summary>
    public const string Pronoun = "{pronoun}";

    /// <summary>X counts a post's length in characters up to this; a template may not be longer.</summary>
    public const int MaximumLength = 280;

    public static IReadOnlyList<string> Placeholders { get; } = [Name, Pronoun];

    /// <summary>Used for a part of the day the file gives no message for.</summary>
    public static IReadOnlyList<string> Fallback { get; } = [$"{Name} is in."];
}
