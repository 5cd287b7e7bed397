namespace Footfall.Replay;

/// <summary>One frame of a recording: when it was captured, its bytes, and its length on the wire.</summary>
public readonly record struct CapturedFrame(DateTimeOffset At, ReadOnlyMemory<byte> Bytes, int WireLength);
