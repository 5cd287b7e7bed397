using Footfall.Config;

namespace Footfall.Messages;

/// <summary>
/// Picks templates at random, in an order that is the same for the same seed: never one that a
/// person in the post had last time when there is another, and one with {pronoun} only for people
/// who have a pronoun.
/// </summary>
internal sealed class TemplateChooser
{
    private readonly Random _random;

    public TemplateChooser(Random random) => _random = random;

    /// <summary>The usable templates in random order: the pick first, the others to try if the pick is too long.</summary>
    public List<string> InOrderOfPreference(IReadOnlyList<string> templates, IReadOnlyCollection<string?> lastUsed, bool hasPronoun)
    {
        List<string> candidates = templates.Distinct(StringComparer.Ordinal).ToList();
        if (!hasPronoun && candidates.Any(t => !UsesPronoun(t)))
        {
            candidates.RemoveAll(UsesPronoun);
        }
        var fresh = candidates.Where(t => !lastUsed.Contains(t)).ToList();
        List<string> usable = fresh.Count > 0 ? fresh : candidates;
        Shuffle(usable);
        return usable;
    }

    private static bool UsesPronoun(string template) => template.Contains(MessageTemplates.Pronoun, StringComparison.Ordinal);

    private void Shuffle(List<string> list)
    {
        for (int i = list.Count - 1; i > 0; i--)
        {
            int j = _random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }
}
