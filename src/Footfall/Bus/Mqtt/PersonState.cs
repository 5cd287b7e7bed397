using Footfall.Store;
using Footfall.Text;

namespace Footfall.Bus.Mqtt;

/// <summary>
/// What a person's retained topics say: "home" or "not_home", and the attributes beside it. Records, so
/// the worker publishes only what changed since it last published.
/// </summary>
public sealed record PersonState(string Person, string Slug, string State, string Attributes)
{
    /// <summary>Everyone's state from the store's view: who is in, and each person's most recently seen device.</summary>
    public static IReadOnlyList<PersonState> From(IReadOnlyList<WhoRow> who, IReadOnlyList<DeviceRow> devices)
    {
        int peopleIn = who.Count(w => w.IsIn);
        var latest = new Dictionary<string, DeviceRow>(StringComparer.Ordinal);
        foreach (DeviceRow device in devices)
        {
            if (device.Person is { } person && (!latest.TryGetValue(person, out DeviceRow? known) || device.LastSeen > known.LastSeen))
            {
                latest[person] = device;
            }
        }
        return who.Select(w =>
        {
            DeviceRow? device = latest.GetValueOrDefault(w.Name);
            string attributes = System.Text.Encoding.UTF8.GetString(BusJson.Write(j =>
            {
                j.WriteStartObject();
                BusJson.WriteTimeOrNull(j, "since", w.IsIn ? w.Since : null);
                BusJson.WriteTimeOrNull(j, "last_seen", w.LastSeen);
                if (device is null)
                {
                    j.WriteNull("device");
                    j.WriteNull("ip");
                }
                else
                {
                    j.WriteString("device", device.Mac.ToString());
                    j.WriteString("ip", device.LastIp.ToString());
                }
                j.WriteNumber("people_in", peopleIn);
                j.WriteEndObject();
            }));
            return new PersonState(w.Name, Text.Slug.Of(w.Name), w.IsIn ? MqttTopics.Home : MqttTopics.NotHome, attributes);
        }).ToList();
    }
}
