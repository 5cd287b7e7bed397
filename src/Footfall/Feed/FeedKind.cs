namespace Footfall.Feed;

/// <summary>What a feed line is about.</summary>
public enum FeedKind
{
    /// <summary>Someone walked in, or several together ("Bob and Carol arrived together").</summary>
    Arrival,
    /// <summary>Someone left, or several together.</summary>
    Departure,
    /// <summary>The last one left: "the office is quiet now".</summary>
    Quiet,
    /// <summary>Devices that belong to nobody configured joined the network.</summary>
    UnknownDevice,
    /// <summary>Someone walked between two appliances of the building ("Alice went up to the 3rd floor"): told by the page, never by the composer.</summary>
    Walk,
    /// <summary>What the throttle held back in a busy minute, counted in one line.</summary>
    Summary,
}
