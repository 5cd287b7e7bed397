namespace Footfall.Capture;

/// <summary>A capture file footfall cannot read: missing, not a capture, cut short, or not Ethernet.</summary>
public sealed class CaptureFileException(string message, Exception? inner = null) : Exception(message, inner);
