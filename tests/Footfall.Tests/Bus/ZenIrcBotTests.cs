using System.Text.Json;
using Footfall.Bus.ZenIrcBot;
using Footfall.Presence;
using Footfall.Store;

namespace Footfall.Tests.Bus;

/// <summary>footfall as a ZenIRCBot service: what it reads on "in" and what it says on "out".</summary>
public class ZenIrcBotTests
{
    private static readonly TimeZoneInfo s_amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
    private static readonly DateTimeOffset s_nine = new(2026, 11, 28, 8, 12, 0, TimeSpan.Zero);

    private static string Directed(string message, string sender = "alice", string channel = "#office") =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["version"] = 1,
            ["type"] = "directed_privmsg",
            ["data"] = new Dictionary<string, string> { ["channel"] = channel, ["raw_message"] = "footfall: " + message, ["message"] = message, ["sender"] = sender },
        }, ZenTestJson.Default.DictionaryStringObject);

    [Theory]
    [InlineData("whosin", ZenAsk.WhosIn)]
    [InlineData("who's in", ZenAsk.WhosIn)]
    [InlineData("Who’s in?", ZenAsk.WhosIn)]
    [InlineData("who", ZenAsk.WhosIn)]
    [InlineData(" WHOSIN ", ZenAsk.WhosIn)]
    [InlineData("commands", ZenAsk.Commands)]
    [InlineData("services", ZenAsk.Services)]
    public void DirectedMessagesAreAnswered(string words, ZenAsk ask)
    {
        ZenRequest? request = ZenRequest.Read(Directed(words), out _);
        Assert.Equal(new ZenRequest(ask, "alice", "#office"), request);
    }

    [Theory]
    [InlineData("", "not JSON")]
    [InlineData("{", "not JSON")]
    [InlineData("[1,2]", "not a version 1 envelope")]
    [InlineData("""{"version":2,"type":"directed_privmsg","data":{}}""", "not a version 1 envelope")]
    [InlineData("""{"version":"1","type":"directed_privmsg","data":{}}""", "not a version 1 envelope")]
    [InlineData("""{"version":1.5,"type":"directed_privmsg","data":{}}""", "not a version 1 envelope")]
    [InlineData("""{"version":1,"data":{}}""", "no type")]
    [InlineData("""{"version":1,"type":"directed_privmsg"}""", "a directed_privmsg without data.message, data.sender and data.channel as text")]
    [InlineData("""{"version":1,"type":"directed_privmsg","data":{"message":"whosin","sender":"bob"}}""", "a directed_privmsg without data.message, data.sender and data.channel as text")]
    [InlineData("""{"version":1,"type":"directed_privmsg","data":{"message":7,"sender":"bob","channel":"#o"}}""", "a directed_privmsg without data.message, data.sender and data.channel as text")]
    public void BadInputIsIgnoredWithAReason(string message, string why)
    {
        Assert.Null(ZenRequest.Read(message, out string reason));
        Assert.Equal(why, reason);
    }

    [Fact]
    public void HugeMessagesAreNotEvenParsed()
    {
        Assert.Null(ZenRequest.Read(Directed(new string('w', ZenRequest.MaximumLength)), out string why));
        Assert.StartsWith("longer than", why);
    }

    [Theory]
    [InlineData("""{"version":1,"type":"privmsg","data":{"message":"whosin","sender":"bob","channel":"#o"}}""")]
    [InlineData("""{"version":1,"type":"directed_privmsg","data":{"message":"weather","sender":"bob","channel":"#o"}}""")]
    public void OtherServicesMessagesAreNotOursAndNotBad(string message)
    {
        Assert.Null(ZenRequest.Read(message, out string why));
        Assert.Equal("", why);
    }

    [Fact]
    public void WhosInListsWhoIsInWithTheirArrivalInTheSitesTime()
    {
        WhoRow[] who =
        [
            new("Bob", null, true, s_nine.AddMinutes(28), s_nine, 1),
            new("Alice", null, true, s_nine, s_nine, 1),
            new("Carol", null, false, null, null, 1),
        ];
        Assert.Equal("In now: Alice, Bob (since 09:12, 09:40)", ZenReplies.WhosIn(who, s_amsterdam));
        Assert.Equal("Nobody is in.", ZenReplies.WhosIn([who[2]], s_amsterdam));
    }

    [Fact]
    public void RepliesGoWhereRegisterCommandsSendsThem()
    {
        WhoRow[] nobody = [];
        ZenPrivmsg whosin = Assert.Single(ZenReplies.To(new ZenRequest(ZenAsk.WhosIn, "alice", "#office"), nobody, s_amsterdam));
        Assert.Equal(new ZenPrivmsg("#office", "Nobody is in."), whosin);
        ZenPrivmsg command = Assert.Single(ZenReplies.To(new ZenRequest(ZenAsk.Commands, "alice", "#office"), nobody, s_amsterdam));
        Assert.Equal(new ZenPrivmsg("alice", "footfall: whosin - who is in the office now"), command);
        ZenPrivmsg service = Assert.Single(ZenReplies.To(new ZenRequest(ZenAsk.Services, "alice", "#office"), nobody, s_amsterdam));
        Assert.Equal(new ZenPrivmsg("alice", "footfall"), service);
    }

    [Fact]
    public void APrivmsgEnvelopeIsWhatSendPrivmsgWrites() =>
        Assert.Equal("""{"version":1,"type":"privmsg","data":{"to":"#office","message":"In now: Zoë"}}""",
            System.Text.Encoding.UTF8.GetString(new ZenPrivmsg("#office", "In now: Zoë").Envelope()));

    [Theory]
    [InlineData(null, new string[0])]
    [InlineData("", new string[0])]
    [InlineData("#admin", new[] { "#admin" })]
    [InlineData("#admin,#ops", new[] { "#admin", "#ops" })]
    public void AdminSpewChannelsAsTheBotStoresThem(string? stored, string[] channels) =>
        Assert.Equal(channels, ZenReplies.AdminChannels(stored));

    [Fact]
    public void AnnouncementsSayThePostOnce()
    {
        var arrived = new PresenceEvent(PresenceEventKind.Arrived, s_nine, "Alice");
        var said = new HashSet<long>();
        Assert.Equal(new ZenAnnouncement(ZenAnnounceStep.Say, "Morning, Alice and Bob!"),
            ZenAnnouncement.For(new BusItem(1, arrived, null, 7, "Morning, Alice and Bob!"), said));
        Assert.Equal(ZenAnnounceStep.AlreadySaid,
            ZenAnnouncement.For(new BusItem(2, arrived with { Person = "Bob" }, null, 7, "Morning, Alice and Bob!"), said).Step);
        Assert.Equal(ZenAnnounceStep.AlreadySaid,
            ZenAnnouncement.For(new BusItem(6, arrived, null, 8, "Evening!") { PostAlreadyDelivered = true }, said).Step);
        Assert.Equal(ZenAnnounceStep.Wait, ZenAnnouncement.For(new BusItem(3, arrived, OutboxState.Pending, null, null), said).Step);
        Assert.Equal(ZenAnnounceStep.Skip, ZenAnnouncement.For(new BusItem(4, arrived, OutboxState.Dropped, null, null), said).Step);
        // Both announcers keep their posts in the store: an event handled without a post has nothing to say.
        Assert.Equal(ZenAnnounceStep.Skip, ZenAnnouncement.For(new BusItem(5, arrived, OutboxState.Delivered, null, null), said).Step);
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, object>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, string>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(int))]
internal sealed partial class ZenTestJson : System.Text.Json.Serialization.JsonSerializerContext;
