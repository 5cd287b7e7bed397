using System.Globalization;
using Footfall.Presence;

namespace Footfall.Config;

/// <summary>Real phones: the departure check's counts and spacing in "presence", and each person's "hostnames".</summary>
internal sealed partial class ConfigValidator
{
    public static readonly (int Min, int Max) CheckRequestsRange = (1, 10);
    public static readonly (int Min, int Max) WakeQueriesRange = (0, 5);
    public static readonly (TimeSpan Min, TimeSpan Max) CheckSpacingRange = (TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(10));
    public static readonly (TimeSpan Min, TimeSpan Max) CheckWaitRange = (TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(1));

    // What a DHCP client may send in option 12 and footfall keeps: printable ASCII (see DhcpRequest).
    public const int MaximumHostnameLength = 255;

    private DeparturePlan Departure(PresenceSection presence)
    {
        var plan = new DeparturePlan();
        if (presence.CheckRequests is { } requests && Count(requests, "presence.checkRequests", CheckRequestsRange))
        {
            plan = plan with { Requests = requests };
        }
        if (presence.WakeQueries is { } wakes && Count(wakes, "presence.wakeQueries", WakeQueriesRange))
        {
            plan = plan with { WakeQueries = wakes };
        }
        if (presence.CheckSpacing is { } spacing && Duration(spacing, "presence.checkSpacing", CheckSpacingRange) is { } every)
        {
            plan = plan with { Spacing = every };
        }
        if (presence.CheckWait is { } wait && Duration(wait, "presence.checkWait", CheckWaitRange) is { } answer)
        {
            plan = plan with { AnswerWait = answer };
        }
        return plan;
    }

    private bool Count(int value, string path, (int Min, int Max) range)
    {
        if (value < range.Min || value > range.Max)
        {
            Report(path, $"must be from {range.Min} to {range.Max}, not {value.ToString(CultureInfo.InvariantCulture)}");
            return false;
        }
        return true;
    }

    /// <summary>A person's DHCP hostnames; each name may be listed once in the whole file (ignoring case).</summary>
    private List<string> Hostnames(List<string?>? texts, string path, string owner, Dictionary<string, (string Path, string Owner)> hostnameAt)
    {
        var hostnames = new List<string>();
        for (int i = 0; i < (texts?.Count ?? 0); i++)
        {
            string at = ConfigPath.Index($"{path}.hostnames", i);
            if (texts![i] is not { } text)
            {
                continue;
            }
            bool printable = text.Length is > 0 and <= MaximumHostnameLength
                && text.All(c => c is >= ' ' and <= '~') && text.Trim().Length == text.Length;
            if (!printable)
            {
                Report(at, $"{ConfigText.Quote(text)} is not a DHCP hostname: 1 to {MaximumHostnameLength} printable ASCII characters without spaces at either end, such as \"Alices-iPhone\"");
                continue;
            }
            if (!hostnameAt.TryAdd(text, (at, owner)))
            {
                (string firstPath, string firstOwner) = hostnameAt[text];
                string whose = firstOwner.Length > 0 && firstOwner != owner ? $" ({firstOwner})" : "";
                Report(at, $"{ConfigText.Quote(text)} is already listed at {firstPath}{whose}: a hostname counts for one person");
                continue;
            }
            hostnames.Add(text);
        }
        return hostnames;
    }
}
