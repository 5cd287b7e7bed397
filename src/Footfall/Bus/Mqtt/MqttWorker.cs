using System.Collections.Concurrent;
using System.Text;
using Footfall.Building;
using Footfall.Config;
using Footfall.Presence;
using Footfall.Runtime;
using Footfall.Store;
using MQTTnet;
using MQTTnet.Adapter;
using MQTTnet.Protocol;

namespace Footfall.Bus.Mqtt;

/// <summary>
/// footfall on an MQTT broker, for Home Assistant: retained discovery and per-person state, "online" on the
/// status topic with "offline" as the last will, and every event from the outbox, in order, at QoS 1.
/// Each (re)connection publishes everything retained again; events wait in the outbox while the broker is
/// away. Nothing here touches the other workers: a broker that is down only delays this one.
/// </summary>
public sealed class MqttWorker : IWorker
{
    public const string WorkerName = "mqtt";

    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    private readonly MqttSettings _settings;
    private readonly MqttTopics _topics;
    private readonly string _siteName;
    private readonly Uri? _pageUrl;
    private readonly IBusOutbox _store;
    private readonly PresenceBoard _presence;
    private readonly OutboxPump _pump;
    private readonly BusProblem _problem;
    private readonly Log _log;
    private readonly TimeProvider _time;
    private readonly Backoff _backoff = new(new Random());
    private readonly Dictionary<string, PersonState> _published = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _publishedChanges = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _strangers = new();
    private volatile bool _discoveryDue = true;
    private readonly BuildingTopics? _buildingTopics;

    /// <param name="pageUrl">The status page's address for Home Assistant's device card, or null without a page.</param>
    public MqttWorker(MqttSettings settings, string siteName, Uri? pageUrl, BusContext bus)
    {
        _settings = settings;
        _topics = new MqttTopics(settings);
        _siteName = siteName;
        _pageUrl = pageUrl;
        _store = bus.Outbox;
        _presence = bus.Presence;
        _pump = new OutboxPump(bus.Outbox, OutboxDestination.Mqtt, bus.Bell, bus.Time);
        _problem = new BusProblem("mqtt", HealthArea, bus.Health, bus.Log);
        _log = bus.Log;
        _time = bus.Time;
        _buildingTopics = settings.Building is { } building ? new BuildingTopics(building) : null;
    }

    /// <summary>
    /// The building this appliance shares the broker with (with mqtt.building): fed what its peers say, and told
    /// when the broker comes and goes. Null: alone.
    /// </summary>
    public BuildingModel? Building { get; init; }

    public string Name => WorkerName;

    /// <summary>The health area of this bus's problems; the status LED shows them as "announcing failing".</summary>
    public const string HealthArea = HealthAreas.Announce + ":mqtt";

    public async Task RunAsync(CancellationToken stopping)
    {
        using IMqttClient client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e =>
        {
            Heard(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload, e.ApplicationMessage.Retain);
            return Task.CompletedTask;
        };
        client.DisconnectedAsync += _ =>
        {
            Building?.LinkDown();
            return Task.CompletedTask;
        };
        using var stopped = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        Task changes = Building is null ? Task.CompletedTask : RingOnOwnChangesAsync(Building, stopped.Token);
        try
        {
            await _pump.RunAsync(async round =>
            {
                if (!client.IsConnected && !await ConnectAsync(client, round).ConfigureAwait(false))
                {
                    return false;
                }
                try
                {
                    await PublishAsync(client, round).ConfigureAwait(false);
                    return true;
                }
                catch (Exception e) when (!round.IsCancellationRequested && e is not (OutOfMemoryException or StoreException))
                {
                    _problem.Say($"lost the MQTT broker {_settings.Broker}: {e.Message}");
                    await DisconnectQuietlyAsync(client).ConfigureAwait(false);
                    // A broker that takes the connection but not the messages must not make this a busy loop.
                    await Task.Delay(_backoff.Next(), _time, round).ConfigureAwait(false);
                    return false;
                }
            }, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        await stopped.CancelAsync().ConfigureAwait(false);
        await changes.ConfigureAwait(false);
        if (client.IsConnected)
        {
            // A clean disconnect suppresses the will, so say "offline" ourselves first.
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2), _time);
            try
            {
                await client.PublishAsync(Message(_topics.Status, MqttTopics.Offline, retain: true), grace.Token).ConfigureAwait(false);
                await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), grace.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                _log.Warn($"mqtt: could not say offline on the way out: {e.Message}");
            }
        }
    }

    /// <summary>Each new change record of this appliance's own is published at once: a peer may have to take its post over.</summary>
    private async Task RingOnOwnChangesAsync(BuildingModel building, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            Task next = building.OwnChanged.Next;
            _pump.Ring();
            try
            {
                await next.WaitAsync(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    /// <summary>One try to connect; false (after the backoff's pause) when it failed.</summary>
    private async Task<bool> ConnectAsync(IMqttClient client, CancellationToken stopping)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            timeout.CancelAfter(s_timeout);
            MqttClientConnectResult connected = await client.ConnectAsync(Options(), timeout.Token).ConfigureAwait(false);
            if (connected.ResultCode != MqttClientConnectResultCode.Success)
            {
                throw new MqttConnectingFailedException($"the broker answers {connected.ResultCode}", null);
            }
            await client.PublishAsync(Message(_topics.Status, MqttTopics.Online, retain: true), stopping).ConfigureAwait(false);
            MqttClientSubscribeOptions subscriptions = new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(f => f.WithTopic(_topics.HomeAssistantStatus).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce))
                .WithTopicFilter(f => f.WithTopic(_topics.DiscoveryFilter).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce))
                .Build();
            if (_settings.HomeAssistant)
            {
                await client.SubscribeAsync(subscriptions, stopping).ConfigureAwait(false);
            }
            if (_buildingTopics is not null && Building is not null)
            {
                await client.PublishAsync(Message(BuildingTopics.Site(_settings), _siteName, retain: true), stopping).ConfigureAwait(false);
                MqttClientSubscribeOptionsBuilder peers = new();
                foreach (string filter in _buildingTopics.Filters)
                {
                    peers = peers.WithTopicFilter(f => f.WithTopic(filter).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce));
                }
                await client.SubscribeAsync(peers.Build(), stopping).ConfigureAwait(false);
                Building.LinkUp();
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // MQTTnet names the broker's answer (CONNACK's code) only in the message.
            bool refused = e is MqttConnectingFailedException
                && (e.Message.Contains(nameof(MqttClientConnectResultCode.BadUserNameOrPassword), StringComparison.Ordinal)
                    || e.Message.Contains(nameof(MqttClientConnectResultCode.NotAuthorized), StringComparison.Ordinal));
            string problem = refused
                ? $"the MQTT broker {_settings.Broker} refuses footfall's user name or password: check mqtt.username and mqtt.password"
                : $"cannot reach the MQTT broker {_settings.Broker}: {e.Message}";
            TimeSpan pause = _backoff.Next();
            // Said at once when the broker refuses us (a human must act), after three tries when it is away.
            if (refused || _backoff.Failures == 3)
            {
                _problem.Say(problem);
            }
            await DisconnectQuietlyAsync(client).ConfigureAwait(false);
            await Task.Delay(pause, _time, stopping).ConfigureAwait(false);
            return false;
        }
        if (_problem.Clear() || _backoff.Failures > 0 || _published.Count == 0)
        {
            _log.Info($"mqtt: connected to {_settings.Broker}, publishing under {_settings.Topic}/");
        }
        _backoff.Reset();
        // What is retained may have been lost with the broker: everything is published again.
        _published.Clear();
        _publishedChanges.Clear();
        _discoveryDue = true;
        return true;
    }

    private MqttClientOptions Options()
    {
        MqttClientOptionsBuilder options = new MqttClientOptionsBuilder()
            .WithTcpServer(_settings.Broker.Host, _settings.Broker.Port)
            .WithClientId($"footfall-{_topics.SiteId}")
            .WithCleanSession(true)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(15))
            .WithTimeout(s_timeout)
            .WithWillTopic(_topics.Status)
            .WithWillPayload(Encoding.UTF8.GetBytes(MqttTopics.Offline))
            .WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (_settings.Username is not null || _settings.Password is not null)
        {
            options = options.WithCredentials(_settings.Username ?? "", _settings.Password?.Reveal());
        }
        if (_settings.Broker.Tls)
        {
            options = options.WithTlsOptions(tls => tls.UseTls());
        }
        return options.Build();
    }

    /// <summary>Discovery when due, every person's state that changed, then the outbox's events in order.</summary>
    private async Task PublishAsync(IMqttClient client, CancellationToken stopping)
    {
        List<PersonState> states = [.. PersonState.From(_store.Who(), _store.Devices())];
        if (_settings.HomeAssistant && _discoveryDue)
        {
            _discoveryDue = false;
            string version = BuildInfo.Version;
            foreach (PersonState person in states)
            {
                byte[] config = HomeAssistantDiscovery.Config(_topics, person.Person, person.Slug, _siteName, version, configurationUrl: _pageUrl);
                await client.PublishAsync(Message(_topics.Discovery(person.Slug), config, retain: true), stopping).ConfigureAwait(false);
            }
            // Home Assistant may have just come back: its entities need their state again.
            _published.Clear();
        }
        while (_strangers.TryDequeue(out string? slug))
        {
            if (states.Any(s => s.Slug == slug))
            {
                continue;
            }
            // A person no longer configured: an empty retained config removes the entity, and their state goes.
            _log.Info($"mqtt: removing the Home Assistant entity {_topics.ObjectId(slug)} (no longer in the configuration)");
            foreach (string topic in _buildingTopics is null
                ? new[] { _topics.Discovery(slug), _topics.State(slug), _topics.Attributes(slug) }
                : [_topics.Discovery(slug), _topics.State(slug), _topics.Attributes(slug), _topics.Change(slug)])
            {
                await client.PublishAsync(Message(topic, [], retain: true), stopping).ConfigureAwait(false);
            }
        }
        // Before the first sweep everybody would read "not_home": wait for it rather than flap.
        if (_presence.FirstSweepDone)
        {
            foreach (PersonState person in states)
            {
                PersonState? last = _published.GetValueOrDefault(person.Person);
                if (last?.State != person.State)
                {
                    await client.PublishAsync(Message(_topics.State(person.Slug), person.State, retain: true), stopping).ConfigureAwait(false);
                }
                if (last?.Attributes != person.Attributes)
                {
                    await client.PublishAsync(Message(_topics.Attributes(person.Slug), person.Attributes, retain: true), stopping).ConfigureAwait(false);
                }
                _published[person.Person] = person;
            }
        }
        if (_buildingTopics is not null && Building is not null)
        {
            foreach ((string slug, BuildingChange change) in Building.OwnChanges())
            {
                byte[] payload = BuildingChangeJson.Write(change);
                string text = Encoding.UTF8.GetString(payload);
                if (_publishedChanges.GetValueOrDefault(slug) != text)
                {
                    await client.PublishAsync(Message(_topics.Change(slug), payload, retain: true), stopping).ConfigureAwait(false);
                    _publishedChanges[slug] = text;
                }
            }
        }
        await _pump.DrainAsync(async item =>
        {
            MqttClientPublishResult result = await client.PublishAsync(Message(_topics.Events, EventEnvelope.Of(item.Event), retain: false), stopping).ConfigureAwait(false);
            if (!result.IsSuccess)
            {
                throw new InvalidOperationException($"the broker did not take event {item.Id}: {result.ReasonCode}");
            }
            return Delivery.Delivered($"on {_topics.Events}");
        }).ConfigureAwait(false);
    }

    /// <summary>What the broker sends us: Home Assistant's birth message, retained discovery configs, and the building's peers.</summary>
    private void Heard(string topic, System.Buffers.ReadOnlySequence<byte> payload, bool retained)
    {
        byte[] bytes = payload.Length <= 64 * 1024 ? System.Buffers.BuffersExtensions.ToArray(payload) : [];
        if (Building is not null && _buildingTopics?.Parse(topic) is { } peer)
        {
            if (!BuildingTopics.Tell(Building, peer, Encoding.UTF8.GetString(bytes), retained))
            {
                _log.Debug($"mqtt: ignoring {peer.Kind} of {peer.SiteId} in the building: not what footfall publishes");
            }
        }
        else if (topic == _topics.HomeAssistantStatus)
        {
            if (Encoding.UTF8.GetString(bytes) == MqttTopics.Online)
            {
                _log.Info("mqtt: Home Assistant is online: publishing discovery and state again");
                _discoveryDue = true;
                _pump.Ring();
            }
        }
        else if (HomeAssistantDiscovery.OwnSlug(_topics, bytes) is { } slug)
        {
            _strangers.Enqueue(slug);
            _pump.Ring();
        }
    }

    private static async Task DisconnectQuietlyAsync(IMqttClient client)
    {
        try
        {
            await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Already gone: nothing to tidy.
        }
    }

    private static MqttApplicationMessage Message(string topic, string payload, bool retain) => Message(topic, Encoding.UTF8.GetBytes(payload), retain);

    private static MqttApplicationMessage Message(string topic, byte[] payload, bool retain) =>
        new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithRetainFlag(retain)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
}
