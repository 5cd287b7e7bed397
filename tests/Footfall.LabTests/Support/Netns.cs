using System.Runtime.InteropServices;

namespace Footfall.LabTests.Support;

/// <summary>Runs code with the calling thread moved into a named network namespace (ip netns).</summary>
public static partial class Netns
{
    private const int CLONE_NEWNET = 0x40000000;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setns(int fd, int nstype);

    /// <summary>
    /// Runs <paramref name="action"/> on a fresh thread inside namespace <paramref name="name"/>. Sockets
    /// opened there stay in that namespace, whichever thread uses them afterwards.
    /// </summary>
    public static T Enter<T>(string name, Func<T> action)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var handle = File.OpenHandle($"/var/run/netns/{name}");
                if (setns((int)handle.DangerousGetHandle(), CLONE_NEWNET) != 0)
                {
                    throw new InvalidOperationException($"setns {name}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
                }
                result = action();
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        thread.Join();
        if (failure is not null)
        {
            throw new InvalidOperationException($"in namespace {name}", failure);
        }
        return result;
    }
}
