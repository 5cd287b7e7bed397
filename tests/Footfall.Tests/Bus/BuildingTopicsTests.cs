using Footfall.Bus.Mqtt;

namespace Footfall.Tests.Bus;

public class BuildingTopicsTests
{
    private static readonly BuildingTopics s_topics = new("footfall/acme-hq");

    [Fact]
    public void SubscribesToEveryAppliancesStatusNameAndPeople() =>
        Assert.Equal(["footfall/acme-hq/+/status", "footfall/acme-hq/+/site", "footfall/acme-hq/+/person/+/state"], s_topics.Filters);

    [Theory]
    [InlineData("footfall/acme-hq/floor-2/status", "floor-2", PeerTopicKind.Status, null)]
    [InlineData("footfall/acme-hq/floor-2/site", "floor-2", PeerTopicKind.Site, null)]
    [InlineData("footfall/acme-hq/floor-3/person/zoe-van-dijk/state", "floor-3", PeerTopicKind.PersonState, "zoe-van-dijk")]
    public void ReadsWhoseAndWhat(string topic, string site, PeerTopicKind kind, string? slug) =>
        Assert.Equal(new PeerTopic(site, kind, slug), s_topics.Parse(topic));

    [Theory]
    [InlineData("footfall/acme-hq/floor-2/person/alice/attributes")]
    [InlineData("footfall/acme-hq/floor-2/events")]
    [InlineData("footfall/acme-hqx/floor-2/status")]
    [InlineData("footfall/acme-hq/status")]
    [InlineData("footfall/acme-hq//status")]
    [InlineData("homeassistant/status")]
    public void IgnoresEverythingElse(string topic) => Assert.Null(s_topics.Parse(topic));
}
