using System.Globalization;
using System.Text;
using Footfall.Config;

namespace Footfall.Messages;

/// <summary>Fills a template's placeholders in one pass, so that a name with "{count}" in it stays as written.</summary>
public static class TemplateFiller
{
    public static string Fill(string template, string name, string pronoun, int count)
    {
        var text = new StringBuilder(template.Length + name.Length);
        int i = 0;
        while (i < template.Length)
        {
            if (template[i] == '{' && Placeholder(template, i) is { } placeholder)
            {
                string value = placeholder switch
                {
                    MessageTemplates.Name => name,
                    MessageTemplates.Pronoun => AtSentenceStart(text) ? Capitalised(pronoun) : pronoun,
                    _ => count.ToString(CultureInfo.InvariantCulture),
                };
                text.Append(value);
                i += placeholder.Length;
            }
            else
            {
                text.Append(template[i]);
                i++;
            }
        }
        return text.ToString();
    }

    private static string? Placeholder(string template, int at)
    {
        foreach (string placeholder in MessageTemplates.Placeholders)
        {
            if (template.AsSpan(at).StartsWith(placeholder, StringComparison.Ordinal))
            {
                return placeholder;
            }
        }
        return null;
    }

    // "she" opens a sentence as "She": at the very start, or after ". ", "! ", "? ".
    private static bool AtSentenceStart(StringBuilder text)
    {
        int end = text.Length;
        while (end > 0 && text[end - 1] == ' ')
        {
            end--;
        }
        return end == 0 || (end < text.Length && text[end - 1] is '.' or '!' or '?');
    }

    private static string Capitalised(string word) => word.Length == 0 ? word : string.Concat(word[..1].ToUpperInvariant(), word.AsSpan(1));
}
