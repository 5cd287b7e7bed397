namespace Footfall.Capture;

/// <summary>
/// libpcap could not capture on or send from an interface: the operation, the interface and libpcap's
/// words. <see cref="PermissionDenied"/> means the process lacks CAP_NET_RAW.
/// </summary>
public sealed class CaptureException(string message, bool permissionDenied = false, Exception? inner = null) : Exception(message, inner)
{
    public bool PermissionDenied { get; } = permissionDenied;
}
