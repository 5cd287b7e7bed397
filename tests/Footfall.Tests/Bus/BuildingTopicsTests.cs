using Footfall.Building;
using Footfall.Bus.Mqtt;
using Footfall.Tests.Support;

namespace Footfall.Tests.Bus;

public class BuildingTopicsTests
{
    private static readonly BuildingTopics s_topics = new("footfall/acme-hq");

    [Fact]
    public void SubscribesToEveryAppliancesStatusNameAndPeople() =>
        Assert.Equal(["footfall/acme-hq/+/status", "footfall/acme-hq/+/site", "footfall/acme-hq/+/person/+/state", "footfall/acme-hq/+/person/+/change"], s_topics.Filters);

    [Theory]
    [InlineData("footfall/acme-hq/floor-2/status", "floor-2", PeerTopicKind.Status, null)]
    [InlineData("footfall/acme-hq/floor-2/site", "floor-2", PeerTopicKind.Site, null)]
    [InlineData("footfall/acme-hq/floor-3/person/zoe-van-dijk/state", "floor-3", PeerTopicKind.PersonState, "zoe-van-dijk")]
    [InlineData("footfall/acme-hq/floor-3/person/alice/change", "floor-3", PeerTopicKind.PersonChange, "alice")]
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

    [Fact]
    public void TellsTheModelWhatPeersSayAndRefusesWhatFootfallNeverPublishes()
    {
        var model = new BuildingModel("floor-2", "2nd floor", TimeSpan.FromMinutes(10), new ManualClock());
        Assert.True(BuildingTopics.Tell(model, new PeerTopic("floor-3", PeerTopicKind.Status, null), "online", retained: true));
        Assert.True(BuildingTopics.Tell(model, new PeerTopic("floor-3", PeerTopicKind.Site, null), "3rd floor", retained: true));
        Assert.True(BuildingTopics.Tell(model, new PeerTopic("floor-3", PeerTopicKind.PersonState, "alice"), "home", retained: true));
        Assert.False(BuildingTopics.Tell(model, new PeerTopic("floor-3", PeerTopicKind.PersonState, "bob"), "maybe", retained: false));
        Assert.False(BuildingTopics.Tell(model, new PeerTopic("floor-3", PeerTopicKind.Status, null), "ONLINE", retained: false));
        Assert.False(BuildingTopics.Tell(model, new PeerTopic("floor-3", PeerTopicKind.Site, null), new string('x', 201), retained: false));

        BuildingSnapshot building = model.Snapshot([]);
        Assert.Equal(("3rd floor", true), (building.Appliances[1].Name, building.Appliances[1].Online));
        Assert.Equal(["3rd floor"], Assert.Single(building.People).Places);

        // An emptied status: the peer left the building.
        Assert.True(BuildingTopics.Tell(model, new PeerTopic("floor-3", PeerTopicKind.Status, null), "", retained: false));
        Assert.Single(model.Snapshot([]).Appliances);
    }

    [Fact]
    public void AChangeRecordIsReadBackAsWrittenAndAnythingElseIsRefused()
    {
        var at = new DateTimeOffset(2026, 12, 1, 8, 0, 3, 250, TimeSpan.Zero);
        var deferred = new BuildingChange(Footfall.Presence.PresenceEventKind.Arrived, at, ChangeState.Elsewhere, "floor-1", at - TimeSpan.FromSeconds(2));
        string text = System.Text.Encoding.UTF8.GetString(BuildingChangeJson.Write(deferred));
        Assert.Equal("""{"kind":"arrived","at":"2026-12-01T08:00:03.250Z","state":"elsewhere","owner":"floor-1","ownerAt":"2026-12-01T08:00:01.250Z"}""", text);
        Assert.Equal(deferred, BuildingChangeJson.Read(text));
        var quiet = new BuildingChange(Footfall.Presence.PresenceEventKind.Left, at, ChangeState.Quiet, null, null);
        Assert.Equal(quiet, BuildingChangeJson.Read(System.Text.Encoding.UTF8.GetString(BuildingChangeJson.Write(quiet))));

        var model = new BuildingModel("floor-2", "2nd floor", TimeSpan.FromMinutes(10), new ManualClock());
        var change = new PeerTopic("floor-3", PeerTopicKind.PersonChange, "alice");
        Assert.True(BuildingTopics.Tell(model, change, text, retained: true));
        Assert.True(BuildingTopics.Tell(model, change, "", retained: false));
        Assert.False(BuildingTopics.Tell(model, change, "home", retained: false));
        Assert.False(BuildingTopics.Tell(model, change, """{"kind":"walked","at":"2026-12-01T08:00:03.250Z","state":"owed"}""", retained: false));
        Assert.False(BuildingTopics.Tell(model, change, """{"kind":"left","at":"soon","state":"owed"}""", retained: false));
        Assert.False(BuildingTopics.Tell(model, change, "[1]", retained: false));
    }
}
