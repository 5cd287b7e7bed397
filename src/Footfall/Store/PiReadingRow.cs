using Footfall.PiHealth;

namespace Footfall.Store;

/// <summary>The daemon's latest reading of the Pi's sensors, and when it was taken.</summary>
public sealed record PiReadingRow(DateTimeOffset At, PiReading Reading);
