using Footfall.Runtime;

namespace Footfall.Leds;

/// <summary>Decides what the status LED says from the health verdict and who is in. Pure.</summary>
/// <param name="storeWorker">The store worker's name in the verdict: stopped means storage is failing.</param>
/// <param name="storeProgress">The store's progress name in the verdict: late means storage is failing.</param>
public sealed class StatusJudge(string storeWorker, string storeProgress)
{
    public StatusCondition Judge(HealthVerdict verdict, bool firstSweepDone, bool anyoneIn)
    {
        // "announce:mqtt" and the like are kinds of "announce" (see HealthAreas).
        bool Problem(string area) => verdict.ProblemAreas.Any(a => a == area || a.StartsWith(area + ":", StringComparison.Ordinal));
        if (Problem(HealthAreas.UpdateInstalling))
        {
            return StatusCondition.Updating;
        }
        if (Problem(HealthAreas.StickWriting))
        {
            return StatusCondition.StickWriting;
        }
        if (Problem(HealthAreas.StickDone))
        {
            return StatusCondition.StickDone;
        }
        if (Problem(HealthAreas.Config))
        {
            return StatusCondition.ConfigRejected;
        }
        if (Problem(HealthAreas.UpdateFailed))
        {
            return StatusCondition.UpdateFailed;
        }
        if (Problem(HealthAreas.Network))
        {
            return StatusCondition.NoNetwork;
        }
        if (verdict.Late.Contains(storeProgress) || verdict.Stopped.Contains(storeWorker))
        {
            return StatusCondition.StorageFailing;
        }
        if (!verdict.Healthy)
        {
            return StatusCondition.Stuck;
        }
        if (!firstSweepDone)
        {
            return StatusCondition.Booting;
        }
        if (Problem(HealthAreas.Announce))
        {
            return StatusCondition.AnnounceFailing;
        }
        if (Problem(HealthAreas.Clock))
        {
            return StatusCondition.ClockNotSynchronised;
        }
        if (Problem(HealthAreas.Pi))
        {
            return StatusCondition.PiPowerOrHeat;
        }
        return anyoneIn ? StatusCondition.HealthySomeoneIn : StatusCondition.HealthyNobodyIn;
    }
}
