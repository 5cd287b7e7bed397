using Footfall.Store;

namespace Footfall.Bus.ZenIrcBot;

/// <summary>What to do with an announcement owed to the IRC channel.</summary>
public enum ZenAnnounceStep
{
    /// <summary>Say <see cref="ZenAnnouncement.Text"/>.</summary>
    Say,
    /// <summary>Already said with another event of the same post: mark it delivered.</summary>
    AlreadySaid,
    /// <summary>The announcer dropped or failed it: nothing to say.</summary>
    Skip,
    /// <summary>The announcer has not composed it yet (aggregation, a clock to wait for): wait, and keep the order.</summary>
    Wait,
}

/// <summary>
/// The channel hears what the announcer says, in the announcer's words: the post it composed (for X, or for the
/// console when X is not configured: both keep their posts in the store).
/// </summary>
public sealed record ZenAnnouncement(ZenAnnounceStep Step, string? Text)
{
    /// <param name="postsSaid">The posts said in this round, not yet all marked in the store.</param>
    public static ZenAnnouncement For(BusItem item, ISet<long> postsSaid)
    {
        if (item.PostId is { } post)
        {
            return !item.PostAlreadyDelivered && postsSaid.Add(post) ? new(ZenAnnounceStep.Say, item.PostText) : new(ZenAnnounceStep.AlreadySaid, null);
        }
        return item.Announced switch
        {
            OutboxState.Pending => new(ZenAnnounceStep.Wait, null),
            _ => new(ZenAnnounceStep.Skip, null),
        };
    }
}
