using Footfall.Messages;

namespace Footfall.Store;

/// <summary>
/// An announcer's view of the store: the events waiting to be told, the posts composed from them and what
/// became of each, and (as <see cref="IAnnounceHistory"/>) what the composer must remember between posts.
/// </summary>
public interface IPostHistory : IAnnounceHistory
{
    /// <summary>Up to <paramref name="max"/> announcements not yet composed, oldest first.</summary>
    IReadOnlyList<OutboxItem> PendingOutbox(int max);

    /// <summary>Saves composed posts and dropped events in one transaction; the new posts' ids.</summary>
    IReadOnlyList<long> SaveComposition(IReadOnlyList<PostDraft> posts, IReadOnlyList<DroppedEvent> dropped);

    /// <summary>Posts whose time to send (or retry) has come.</summary>
    IReadOnlyList<PostRow> DuePosts(int max);

    /// <summary>What became of one post: delivered, failed for good, or to retry at a time.</summary>
    void RecordPost(long id, PostOutcome outcome);

    /// <summary>Delivered posts whose time to delete has come.</summary>
    IReadOnlyList<DeletionRow> DueDeletions(int max);

    /// <summary>What became of one deletion; a retry time when it is to be tried again.</summary>
    void RecordDeletion(long id, DateTimeOffset? retryAt, string detail);

    /// <summary>When the next post or deletion falls due, or null when none waits.</summary>
    DateTimeOffset? NextPostWork();

    /// <summary>How many people are in now (for the templates that say so).</summary>
    int PeopleIn();
}
