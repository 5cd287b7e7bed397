using Footfall.Net;

namespace Footfall.Presence;

/// <summary>A request to ask one device, by unicast ARP to its last address, whether it is still here.</summary>
public readonly record struct DepartureCheck(string Person, MacAddress Mac, Ipv4Address Ip);
