using Footfall.Building;
using Footfall.Config;

namespace Footfall.Bus.Mqtt;

/// <summary>
/// The topics the appliances of one building read of each other (docs/integrations.md, "The whole building"):
/// each one's status, site name and per-person state, one level below the building's prefix.
/// </summary>
public sealed class BuildingTopics
{
    private readonly string _building;

    public BuildingTopics(string building) => _building = building;

    /// <summary>
    /// The topics this appliance subscribes to: every appliance's status, site name, people's state and change
    /// records (its own included: found retained after a restart, they say what it last told the building).
    /// </summary>
    public IReadOnlyList<string> Filters => [$"{_building}/+/status", $"{_building}/+/site", $"{_building}/+/person/+/state", $"{_building}/+/person/+/change"];

    /// <summary>What a topic under the building is: whose (site id) and which (status, site, or a person's state), or null if none of ours.</summary>
    public PeerTopic? Parse(string topic)
    {
        if (!topic.StartsWith(_building + "/", StringComparison.Ordinal))
        {
            return null;
        }
        string[] levels = topic[(_building.Length + 1)..].Split('/');
        return levels switch
        {
            [var site, "status"] when site.Length > 0 => new PeerTopic(site, PeerTopicKind.Status, null),
            [var site, "site"] when site.Length > 0 => new PeerTopic(site, PeerTopicKind.Site, null),
            [var site, "person", var slug, "state"] when site.Length > 0 && slug.Length > 0 => new PeerTopic(site, PeerTopicKind.PersonState, slug),
            [var site, "person", var slug, "change"] when site.Length > 0 && slug.Length > 0 => new PeerTopic(site, PeerTopicKind.PersonChange, slug),
            _ => null,
        };
    }

    /// <summary>
    /// Tells the building model what a peer said: its status, name, a person's state or change record; an emptied status means the
    /// peer left the building. False when the payload is not what footfall publishes there (ignored).
    /// </summary>
    public static bool Tell(BuildingModel building, PeerTopic peer, string text, bool retained)
    {
        switch (peer.Kind)
        {
            case PeerTopicKind.Status when text.Length == 0:
                building.Forget(peer.SiteId);
                return true;
            case PeerTopicKind.Status when text is MqttTopics.Online or MqttTopics.Offline:
                building.HeardStatus(peer.SiteId, text == MqttTopics.Online, retained);
                return true;
            case PeerTopicKind.Site when text.Length is > 0 and <= 200:
                building.HeardName(peer.SiteId, text);
                return true;
            case PeerTopicKind.PersonState when text is MqttTopics.Home or MqttTopics.NotHome:
                building.HeardPerson(peer.SiteId, peer.Slug!, text == MqttTopics.Home, retained);
                return true;
            case PeerTopicKind.PersonChange when text.Length == 0:
                building.HeardChange(peer.SiteId, peer.Slug!, null);
                return true;
            case PeerTopicKind.PersonChange when text.Length <= 1024 && BuildingChangeJson.Read(text) is { } change:
                building.HeardChange(peer.SiteId, peer.Slug!, change);
                return true;
            default:
                return false;
        }
    }

    /// <summary>The retained topic with this appliance's site name.</summary>
    public static string Site(MqttSettings settings) => $"{settings.Topic}/site";
}

public enum PeerTopicKind
{
    Status,
    Site,
    PersonState,
    PersonChange,
}

/// <param name="SiteId">The topic level below the building: the appliance's site id.</param>
/// <param name="Slug">The person's slug, for a person's state.</param>
public sealed record PeerTopic(string SiteId, PeerTopicKind Kind, string? Slug);
