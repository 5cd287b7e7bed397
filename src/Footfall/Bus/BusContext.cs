using Footfall.Presence;
using Footfall.Runtime;
using Footfall.Store;

namespace Footfall.Bus;

/// <summary>What the daemon hands every bus: its outbox, the bell rung when there is news, who is in, health, log and clock.</summary>
public sealed record BusContext(IBusOutbox Outbox, Doorbell Bell, PresenceBoard Presence, Health Health, Log Log, TimeProvider Time);
