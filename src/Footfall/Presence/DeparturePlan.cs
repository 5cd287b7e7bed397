namespace Footfall.Presence;

/// <summary>What one step of a departure check sends to a device's last address.</summary>
public enum DepartureProbe
{
    /// <summary>A unicast ARP who-has: dozing phones answer these when they ignore broadcasts.</summary>
    Arp,
    /// <summary>A unicast mDNS query to UDP 5353: what wakes a sleeping iPhone, which then answers ARP again.</summary>
    Wake,
}

/// <summary>One step of a departure check: what to send, and when, counted from the check's start.</summary>
public readonly record struct DepartureStep(TimeSpan At, DepartureProbe Probe);

/// <summary>
/// How a departure check asks a device whether it is still here, step by step: a round of
/// <see cref="Requests"/> unicast ARP requests, then <see cref="WakeQueries"/> unicast mDNS queries to
/// port 5353, then a second round of ARP requests (none without wake queries), every step
/// <see cref="Spacing"/> after the one before; the device is silent when nothing came from it by
/// <see cref="AnswerWait"/> after the last step. Pure: the sweeper sends the steps, the tracker waits
/// <see cref="Window"/>.
/// </summary>
public sealed record DeparturePlan
{
    // The defaults, from the phone zoo's figures (scripts/lab behave): a sleepy phone stays awake 10 s
    // after a packet to 5353 (iPhones: some seconds), so the second ARP round, 1 s to 2.5 s after the
    // first wake query, falls well inside it; one lost frame of three does not make anyone leave; and
    // the whole check (5.5 s) ends long before the next sweep at the default interval.
    public const int DefaultRequests = 3;
    public const int DefaultWakeQueries = 2;
    public static readonly TimeSpan DefaultSpacing = TimeSpan.FromMilliseconds(500);
    public static readonly TimeSpan DefaultAnswerWait = TimeSpan.FromSeconds(2);

    /// <summary>Unicast ARP requests in each round (at least 1).</summary>
    public int Requests { get; init; } = DefaultRequests;

    /// <summary>Unicast mDNS queries between the rounds; 0: one ARP round only, no wake.</summary>
    public int WakeQueries { get; init; } = DefaultWakeQueries;

    /// <summary>Time between two steps.</summary>
    public TimeSpan Spacing { get; init; } = DefaultSpacing;

    /// <summary>How long an answer may take after the last step.</summary>
    public TimeSpan AnswerWait { get; init; } = DefaultAnswerWait;

    /// <summary>The steps in order, the first at zero.</summary>
    public IReadOnlyList<DepartureStep> Steps()
    {
        var steps = new List<DepartureStep>();
        void Add(DepartureProbe probe, int count)
        {
            for (int i = 0; i < count; i++)
            {
                steps.Add(new DepartureStep(Spacing * steps.Count, probe));
            }
        }
        Add(DepartureProbe.Arp, Requests);
        if (WakeQueries > 0)
        {
            Add(DepartureProbe.Wake, WakeQueries);
            Add(DepartureProbe.Arp, Requests);
        }
        return steps;
    }

    /// <summary>From a check's start until its device counts as silent: the last step plus <see cref="AnswerWait"/>.</summary>
    public TimeSpan Window => Spacing * (Requests * (WakeQueries > 0 ? 2 : 1) + WakeQueries - 1) + AnswerWait;
}
