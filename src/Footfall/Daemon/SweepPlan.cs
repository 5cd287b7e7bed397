using Footfall.Net.Linux;
using Footfall.Sweep;

namespace Footfall.Daemon;

/// <summary>What the sweeper sweeps and how often: the link (asked afresh each pass: its address may change), the targets, pacing, the interval.</summary>
public sealed record SweepPlan(Func<InterfaceInfo> Link, SweepTargets Targets, SweepOptions Options, TimeSpan Interval);
