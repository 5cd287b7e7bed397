namespace Footfall.Store;

/// <summary>Where an announcement stands.</summary>
public enum OutboxState
{
    /// <summary>Waiting for an announcer (new, or to be retried).</summary>
    Pending,
    /// <summary>Said: posted, printed, sent.</summary>
    Delivered,
    /// <summary>Given up on; the detail says why.</summary>
    Failed,
    /// <summary>Deliberately not said (back within the cooldown, too late, departures off); the detail says why.</summary>
    Dropped,
}
