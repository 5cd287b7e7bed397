using Footfall.Net;
using Footfall.Presence;
using Footfall.Store;

namespace Footfall.StoreTorture;

/// <summary>
/// Usage: Footfall.StoreTorture DATA_DIR RUN SEED. Commits batches of one to four events forever (until killed),
/// each batch with a presence update and a device sighting, and after each Commit returns prints one line per
/// event: "committed ID PERSON". PERSON is "RUN-N", unique across runs, so the test can check each row's content.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length != 3 || !int.TryParse(args[1], out int run) || !int.TryParse(args[2], out int seed))
        {
            Console.Error.WriteLine("usage: Footfall.StoreTorture DATA_DIR RUN SEED");
            return 2;
        }
        var random = new Random(seed);
        using FootfallStore store = FootfallStore.Open(args[0], TimeProvider.System);
        using var stdout = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = false, NewLine = "\n" };
        for (long n = 0; ; )
        {
            int count = random.Next(1, 5);
            var events = new PresenceEvent[count];
            DateTimeOffset now = TimeProvider.System.GetUtcNow();
            for (int i = 0; i < count; i++, n++)
            {
                var kind = (PresenceEventKind)random.Next(3);
                var mac = new MacAddress(0x3c22_fb00_0000UL + (ulong)random.Next(1 << 16));
                events[i] = new PresenceEvent(kind, now, $"{run}-{n}", mac, new Ipv4Address(0x0a00_0000U + (uint)random.Next(1 << 16)),
                    kind == PresenceEventKind.Left ? TimeSpan.FromSeconds(random.Next(100_000)) : null, Announce: random.Next(2) == 0);
            }
            store.RecordDevices([new DeviceSeen(events[0].Mac!.Value, events[0].Ip!.Value, now, null)]);
            IReadOnlyList<long> ids = store.Commit(events, [new PersonPresence($"{run}", random.Next(2) == 0, now, now)]);
            for (int i = 0; i < count; i++)
            {
                stdout.Write($"committed {ids[i]} {events[i].Person}\n");
            }
            // Only now, after the commit: a line on stdout is a promise that the rows are on disk.
            stdout.Flush();
        }
    }
}
