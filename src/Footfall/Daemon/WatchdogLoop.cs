using Footfall.Config;
using Footfall.Hardware.Gpio;
using Footfall.Hardware.Watchdog;
using Footfall.Interop.Linux;
using Footfall.Runtime;

namespace Footfall.Daemon;

/// <summary>Opens the watchdog and the kick pin that the settings name, and steps the health-gated feeder.</summary>
public static class WatchdogLoop
{
    /// <summary>
    /// The feeder, or null when there is nothing to feed. A missing watchdog device (a dev machine) is
    /// said once and footfall carries on without one.
    /// </summary>
    public static WatchdogFeeder? Open(WatchdogSettings settings, bool useDevice, string chip, Func<string, IGpioChip> openChip, Func<HealthVerdict> health, Log log, TimeProvider time)
    {
        IWatchdogDevice? device = null;
        if (useDevice)
        {
            try
            {
                device = LinuxWatchdog.Open(settings.Device, settings.Timeout);
                log.Info($"watchdog: {device.Name} armed with a {device.Timeout.TotalSeconds:0} s timeout{(device.Timeout != settings.Timeout ? $" (the driver's choice; {settings.Timeout.TotalSeconds:0} s was asked)" : "")}, fed every {(device.Timeout / 3).TotalSeconds:0.#} s while footfall is healthy");
            }
            catch (LinuxException e)
            {
                log.Warn($"watchdog: carrying on without a hardware watchdog: {e.Message}");
            }
        }
        else
        {
            log.Info("watchdog: not used (--no-watchdog)");
        }

        IGpioLines? kick = null;
        if (settings.KickPin is { } pin)
        {
            try
            {
                using IGpioChip gpio = openChip(chip);
                kick = gpio.RequestOutputs([pin], activeLow: false);
                log.Info($"watchdog: kicking line {pin} of {gpio.Name} every {Text.HumanDuration.Format(settings.KickInterval)} while footfall is healthy");
            }
            catch (GpioException e)
            {
                log.Warn($"watchdog: carrying on without the kick pin: {e.Message}");
            }
        }
        return device is null && kick is null ? null : new WatchdogFeeder(device, kick, settings.KickInterval, health, log, time);
    }

    public static async Task RunAsync(WatchdogFeeder feeder, TimeProvider time, CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(feeder.Period, time);
        try
        {
            do
            {
                feeder.Step();
            }
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
        }
    }
}
