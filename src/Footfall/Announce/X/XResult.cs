namespace Footfall.Announce.X;

/// <summary>
/// One answer from X, classified. <paramref name="Id"/> is the post's id for a 201, the account's handle
/// for users/me. <paramref name="ResetAt"/> is when a 429's rate-limit window ends, if X said.
/// <paramref name="Detail"/> is for humans: status and X's own words, never a credential.
/// </summary>
public sealed record XResult(XOutcome Outcome, string Detail, string? Id = null, DateTimeOffset? ResetAt = null);
