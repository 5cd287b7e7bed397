namespace Footfall.Store;

/// <summary>One configured person and whether they are in, for <c>footfall who</c>.</summary>
/// <param name="Devices">How many devices the configuration lists for them.</param>
public sealed record WhoRow(string Name, string? Pronoun, bool IsIn, DateTimeOffset? Since, DateTimeOffset? LastSeen, int Devices);
