using Footfall.Interop.Linux;

namespace Footfall.Hardware.Watchdog;

/// <summary>
/// The Linux watchdog API on /dev/watchdog: opening arms it, WDIOC_KEEPALIVE feeds it, and writing 'V'
/// just before closing disarms it (the "magic close"). Closing without it leaves the timer running, so
/// a crashed footfall is restarted by the service manager in time or the machine is reset.
/// </summary>
public sealed class LinuxWatchdog : IWatchdogDevice
{
    private int _fd;

    private LinuxWatchdog(int fd, string name, TimeSpan timeout)
    {
        _fd = fd;
        Name = name;
        Timeout = timeout;
    }

    public TimeSpan Timeout { get; }

    public string Name { get; }

    /// <summary>Opens and arms <paramref name="path"/>, asking for <paramref name="timeout"/>, and reads back what the driver set.</summary>
    /// <exception cref="LinuxException">No such device, in use (systemd's RuntimeWatchdogSec holds it), or no permission.</exception>
    public static unsafe LinuxWatchdog Open(string path, TimeSpan timeout)
    {
        int fd = Libc.open(path, Libc.O_WRONLY | Libc.O_CLOEXEC);
        if (fd < 0)
        {
            throw LinuxException.FromLastError("open watchdog", path);
        }
        // Drivers clamp or round the timeout (the Pi's bcm2835 tops out near 15 s), and some cannot set it
        // at all; either way, what counts is what GETTIMEOUT reports afterwards.
        int seconds = (int)timeout.TotalSeconds;
        Libc.ioctl(fd, WatchdogApi.WDIOC_SETTIMEOUT, &seconds);
        int actual = 0;
        if (Libc.ioctl(fd, WatchdogApi.WDIOC_GETTIMEOUT, &actual) < 0 || actual <= 0)
        {
            // Without a readable timeout assume the asked one; feeding at a third of it leaves room.
            actual = (int)timeout.TotalSeconds;
        }
        return new LinuxWatchdog(fd, path, TimeSpan.FromSeconds(actual));
    }

    public unsafe void Feed()
    {
        int ignored = 0;
        if (Libc.ioctl(_fd, WatchdogApi.WDIOC_KEEPALIVE, &ignored) < 0)
        {
            throw LinuxException.FromLastError("feed watchdog", Name);
        }
    }

    public unsafe void Disarm()
    {
        byte magic = WatchdogApi.MagicClose;
        if (Libc.write(_fd, &magic, 1) != 1)
        {
            throw LinuxException.FromLastError("disarm watchdog", Name);
        }
        Dispose();
    }

    public void Dispose()
    {
        if (_fd >= 0)
        {
            Libc.close(_fd);
            _fd = -1;
        }
    }
}
