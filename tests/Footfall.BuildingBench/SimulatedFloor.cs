using System.Text;
using Footfall.Building;
using Footfall.Bus.Mqtt;
using Footfall.Config;
using Footfall.Presence;
using MQTTnet;
using MQTTnet.Protocol;

namespace Footfall.BuildingBench;

/// <summary>
/// One appliance of the building as the broker sees it: footfall's topics (MqttTopics, BuildingTopics), its last
/// will, its retained site name, every configured person's state and attributes (which carry people_in, so one
/// arrival changes every person's attributes), its change record (owed, then judged) and an event per change; and its peers read into a BuildingModel
/// as MqttWorker reads them.
/// </summary>
internal sealed class SimulatedFloor : IAsyncDisposable
{
    private readonly MqttSettings _settings;
    private readonly MqttTopics _topics;
    private readonly BuildingTopics _building;
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly IReadOnlyList<string> _people;
    private readonly HashSet<string> _in = new(StringComparer.Ordinal);
    private long _published;
    private long _received;

    public SimulatedFloor(string building, string host, int port, int floor, IReadOnlyList<string> people)
    {
        Id = $"floor-{floor:00}";
        Name = $"Floor {floor}";
        _settings = new MqttSettings { Broker = new BrokerAddress("mqtt", host, port, false), Topic = $"{building}/{Id}", Building = building };
        _topics = new MqttTopics(_settings);
        _building = new BuildingTopics(building);
        _people = people;
        Model = new BuildingModel(Id, Name, TimeSpan.FromMinutes(10), TimeProvider.System);
        _client.ApplicationMessageReceivedAsync += e =>
        {
            Interlocked.Increment(ref _received);
            if (_building.Parse(e.ApplicationMessage.Topic) is { } peer)
            {
                BuildingTopics.Tell(Model, peer, Encoding.UTF8.GetString(e.ApplicationMessage.Payload), e.ApplicationMessage.Retain);
            }
            return Task.CompletedTask;
        };
    }

    public string Id { get; }

    public string Name { get; }

    public BuildingModel Model { get; }

    public long Published => Interlocked.Read(ref _published);

    public long Received => Interlocked.Read(ref _received);

    public IReadOnlyCollection<string> In => _in;

    public async Task ConnectAsync()
    {
        MqttClientOptions options = new MqttClientOptionsBuilder()
            .WithTcpServer(_settings.Broker.Host, _settings.Broker.Port)
            .WithClientId($"bench-{Id}")
            .WithCleanSession(true)
            .WithWillTopic(_topics.Status).WithWillPayload(Encoding.UTF8.GetBytes(MqttTopics.Offline)).WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        await _client.ConnectAsync(options);
        await PublishAsync(_topics.Status, MqttTopics.Online, retain: true);
        await PublishAsync(BuildingTopics.Site(_settings), Name, retain: true);
        MqttClientSubscribeOptionsBuilder subscriptions = new();
        foreach (string filter in _building.Filters)
        {
            subscriptions = subscriptions.WithTopicFilter(f => f.WithTopic(filter).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce));
        }
        await _client.SubscribeAsync(subscriptions.Build());
        Model.LinkUp();
    }

    /// <summary>Everyone's state and attributes, as footfall publishes them after its first sweep.</summary>
    public async Task PublishEveryoneAsync(IEnumerable<string> inHere)
    {
        _in.UnionWith(inHere);
        foreach (string slug in _in)
        {
            Model.Local(slug, home: true, DateTimeOffset.UtcNow);
        }
        foreach (string slug in _people)
        {
            await PublishAsync(_topics.State(slug), _in.Contains(slug) ? MqttTopics.Home : MqttTopics.NotHome, retain: true);
            await PublishAsync(_topics.Attributes(slug), Attributes(slug), retain: true);
        }
    }

    /// <summary>A person comes in or goes: their state, everyone's attributes (people_in changed), and the event.</summary>
    public async Task ChangeAsync(string slug, bool home)
    {
        if (home ? !_in.Add(slug) : !_in.Remove(slug))
        {
            return;
        }
        Model.Local(slug, home, DateTimeOffset.UtcNow);
        // As MqttWorker does: person by person in the configuration's order, the state where it changed, and
        // every attributes (people_in changed for all).
        foreach (string person in _people)
        {
            if (person == slug)
            {
                await PublishAsync(_topics.State(slug), home ? MqttTopics.Home : MqttTopics.NotHome, retain: true);
            }
            await PublishAsync(_topics.Attributes(person), Attributes(person), retain: true);
        }
        // The change record: owed when the announcer first holds the event, then what its verdict made of it
        // (here at once, without the 5 s race window: the bench counts messages, it does not judge).
        PresenceEventKind kindOf = home ? PresenceEventKind.Arrived : PresenceEventKind.Left;
        DateTimeOffset at = DateTimeOffset.UtcNow;
        foreach (ChangeState state in new[] { ChangeState.Owed, ChangeState.Posted })
        {
            await PublishAsync(_topics.Change(slug), Encoding.UTF8.GetString(BuildingChangeJson.Write(BuildingChange.Own(kindOf, at, state, Id))), retain: true);
        }
        string kind = home ? "arrived" : "left";
        await PublishAsync(_topics.Events, $$$"""{"version":1,"type":"{{{kind}}}","data":{"person":"{{{slug}}}","at":"{{{DateTimeOffset.UtcNow:O}}}","stayedSeconds":null,"mac":"02:00:00:00:00:01","ip":"10.0.0.2"}}""", retain: false);
    }

    private string Attributes(string slug) =>
        $$"""{"since":{{(_in.Contains(slug) ? "\"2026-12-01T08:00:00.000Z\"" : "null")}},"last_seen":"2026-12-01T08:00:00.000Z","device":"02:00:00:00:00:01","ip":"10.0.0.2","people_in":{{_in.Count}}}""";

    private async Task PublishAsync(string topic, string payload, bool retain)
    {
        await _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithRetainFlag(retain)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        Interlocked.Increment(ref _published);
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await PublishAsync(_topics.Status, "", retain: true);
            await _client.DisconnectAsync();
        }
        _client.Dispose();
    }
}
