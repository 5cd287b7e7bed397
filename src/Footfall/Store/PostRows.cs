namespace Footfall.Store;

/// <summary>Where a post on X stands.</summary>
public enum PostState
{
    /// <summary>Not yet accepted by X: to be (re)tried at its next-try time.</summary>
    Pending,
    /// <summary>X shows it (a 201, or a 403 saying it already has the text).</summary>
    Delivered,
    /// <summary>X will never take it (a 4xx other than 401, 403-duplicate, 429); the detail has X's words.</summary>
    Failed,
    /// <summary>Not posted because it would have come too late (announce.staleAfter).</summary>
    Expired,
}

/// <summary>A post to add: its words, the events (outbox rows) it announces, and the template used for each person.</summary>
public sealed record PostDraft(IReadOnlyList<long> EventIds, string Text, IReadOnlyDictionary<string, string> TemplateUsed);

/// <summary>An event that will not be announced, and why (for `footfall log`).</summary>
public sealed record DroppedEvent(long EventId, string Reason);

/// <summary>A pending post as the announcer needs it.</summary>
public sealed record PostRow(long Id, string Text, DateTimeOffset OldestEventAt, int Attempts);

/// <summary>A delivered post whose time to be deleted has come (announce.x.deleteAfter).</summary>
public sealed record DeletionRow(long Id, string XId);

/// <summary>
/// What became of one try to post: the new state, when to try again (pending only), X's id and when to delete
/// the post (delivered only), and the answer in words.
/// </summary>
public sealed record PostOutcome(PostState State, string Detail, DateTimeOffset? NextTry = null, string? XId = null, DateTimeOffset? DeleteAt = null);
