namespace Footfall.Messages;

/// <summary>What the composer needs to remember between posts; the caller keeps it in the store.</summary>
public interface IAnnounceHistory
{
    /// <summary>The template last used for this person, or null.</summary>
    string? LastTemplate(string person);

    /// <summary>The latest 'left' event of that person strictly before <paramref name="at"/>, or null.</summary>
    DateTimeOffset? LastDepartureBefore(string person, DateTimeOffset at);
}
