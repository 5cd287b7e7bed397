namespace Footfall.Net;

/// <summary>
/// What a DHCP client says about itself: its hostname (option 12) and client identifier (option 61, shown
/// as colon-separated hex, type byte first). Either may be null. Phones keep both when they pick a new
/// private MAC, which is how footfall recognises a known phone behind a new address.
/// </summary>
public sealed record DhcpIdentity(string? Hostname, string? ClientId)
{
    /// <summary>Whether both say nothing.</summary>
    public bool IsEmpty => Hostname is null && ClientId is null;

    /// <summary>True when this identity was made from exactly these bytes (so a cached one can be reused without allocating).</summary>
    public bool Matches(ReadOnlySpan<byte> hostname, ReadOnlySpan<byte> clientId) =>
        SameText(Hostname, hostname) && SameHex(ClientId, clientId);

    /// <summary>Makes the identity from a parsed request's bytes; the hostname is printable ASCII already.</summary>
    public static DhcpIdentity From(ReadOnlySpan<byte> hostname, ReadOnlySpan<byte> clientId) =>
        new(hostname.IsEmpty ? null : System.Text.Encoding.ASCII.GetString(hostname),
            clientId.IsEmpty ? null : Colons(Convert.ToHexStringLower(clientId)));

    private static string Colons(string hex) =>
        string.Create(hex.Length / 2 * 3 - 1, hex, static (span, h) =>
        {
            for (int i = 0, j = 0; i < h.Length; i += 2)
            {
                if (j > 0)
                {
                    span[j++] = ':';
                }
                span[j++] = h[i];
                span[j++] = h[i + 1];
            }
        });

    private static bool SameText(string? text, ReadOnlySpan<byte> bytes)
    {
        if (text is null)
        {
            return bytes.IsEmpty;
        }
        if (text.Length != bytes.Length)
        {
            return false;
        }
        for (int i = 0; i < bytes.Length; i++)
        {
            if (text[i] != bytes[i])
            {
                return false;
            }
        }
        return true;
    }

    private static bool SameHex(string? hex, ReadOnlySpan<byte> bytes)
    {
        if (hex is null)
        {
            return bytes.IsEmpty;
        }
        if (hex.Length != bytes.Length * 3 - 1)
        {
            return false;
        }
        for (int i = 0; i < bytes.Length; i++)
        {
            if (HexValue(hex[i * 3]) << 4 != (bytes[i] & 0xF0) || HexValue(hex[i * 3 + 1]) != (bytes[i] & 0x0F))
            {
                return false;
            }
        }
        return true;
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : c - 'a' + 10;
}
