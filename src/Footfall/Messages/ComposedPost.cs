namespace Footfall.Messages;

/// <summary>A post to make: its final text (at most 280 weighted characters), the events it covers, and the template used per person (to remember).</summary>
public sealed record ComposedPost(IReadOnlyList<long> EventIds, string Text, IReadOnlyDictionary<string, string> TemplateUsed);
