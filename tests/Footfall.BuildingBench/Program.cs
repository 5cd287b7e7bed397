using System.Diagnostics;
using System.Globalization;
using Footfall.Building;
using Footfall.BuildingBench;

// scripts/bench-building: N simulated floors and M people on one mosquitto. Prints how many messages the broker
// took and delivered a second, and how long every floor's page (its BuildingModel's snapshot) took to agree
// after each change. Usage: Footfall.BuildingBench HOST PORT [FLOORS] [PEOPLE] [CHANGES]
string host = args.ElementAtOrDefault(0) ?? "127.0.0.1";
int port = int.Parse(args.ElementAtOrDefault(1) ?? "1883", CultureInfo.InvariantCulture);
int floors = int.Parse(args.ElementAtOrDefault(2) ?? "10", CultureInfo.InvariantCulture);
int peopleCount = int.Parse(args.ElementAtOrDefault(3) ?? "300", CultureInfo.InvariantCulture);
int changes = int.Parse(args.ElementAtOrDefault(4) ?? "40", CultureInfo.InvariantCulture);
const string Building = "footfall/bench-hq";

List<string> people = [.. Enumerable.Range(1, peopleCount).Select(i => $"person-{i:000}")];
var random = new Random(23);
var where = people.ToDictionary(p => p, _ => random.Next(floors));
var sim = new List<SimulatedFloor>();
for (int f = 0; f < floors; f++)
{
    sim.Add(new SimulatedFloor(Building, host, port, f + 1, people));
}

var clock = Stopwatch.StartNew();
foreach (SimulatedFloor floor in sim)
{
    await floor.ConnectAsync();
}
(long published, long received) = Totals();
var burst = Stopwatch.StartNew();
await Task.WhenAll(sim.Select((floor, f) => floor.PublishEveryoneAsync(people.Where(p => where[p] == f))));
TimeSpan sent = burst.Elapsed;
Agree(TimeSpan.FromMinutes(2));
TimeSpan start = burst.Elapsed;
(long p1, long r1) = Totals();
Console.WriteLine($"{floors} floors, {peopleCount} people: every page agreed {Ms(start)} after all floors started publishing everyone's state at once ({Ms(sent)} to publish it)");
Console.WriteLine($"  start-up burst: {p1 - published} messages into the broker, {r1 - received} out to the floors (connecting and all: {Ms(clock.Elapsed)})");

// Walks and departures and arrivals, one at a time: the time until every page agrees on each.
var latencies = new List<double>();
(published, received) = Totals();
var phase = Stopwatch.StartNew();
for (int i = 0; i < changes; i++)
{
    string person = people[random.Next(people.Count)];
    int from = where[person];
    int to = (from + 1 + random.Next(floors - 1)) % floors;
    var change = Stopwatch.StartNew();
    if (from >= 0 && i % 4 == 3)
    {
        await sim[from].ChangeAsync(person, home: false); // leaves the building
        where[person] = -1;
    }
    else
    {
        await sim[to].ChangeAsync(person, home: true);
        if (from >= 0)
        {
            await sim[from].ChangeAsync(person, home: false); // a walk: seen upstairs, then lost downstairs
        }
        where[person] = to;
    }
    Agree(TimeSpan.FromSeconds(30));
    latencies.Add(change.Elapsed.TotalMilliseconds);
}
TimeSpan busy = phase.Elapsed;
(long p2, long r2) = Totals();
latencies.Sort();
Console.WriteLine($"  {changes} changes one after another (walks, arrivals, departures): every page agreed, from the first message of a change, after median {latencies[latencies.Count / 2]:0} ms, " +
    $"95th percentile {latencies[(int)(latencies.Count * 0.95)]:0} ms, worst {latencies[^1]:0} ms");
Console.WriteLine($"  broker: {(p2 - published) / busy.TotalSeconds:0} messages a second in, {(r2 - received) / busy.TotalSeconds:0} out, " +
    $"{(double)(p2 - published) / changes:0} in and {(double)(r2 - received) / changes:0} out per change ({busy.TotalSeconds:0.0} s)");
foreach (SimulatedFloor floor in sim)
{
    await floor.DisposeAsync();
}
return 0;

(long, long) Totals() => (sim.Sum(f => f.Published), sim.Sum(f => f.Received));

// Polls until every floor's snapshot places each person where the truth has them (in on their floor, or out).
TimeSpan Agree(TimeSpan timeout)
{
    var waited = Stopwatch.StartNew();
    while (!sim.All(Agrees))
    {
        if (waited.Elapsed > timeout)
        {
            throw new TimeoutException($"the floors did not agree within {timeout.TotalSeconds} s");
        }
        Thread.Sleep(1);
    }
    return waited.Elapsed;
}

bool Agrees(SimulatedFloor floor)
{
    BuildingSnapshot snapshot = floor.Model.Snapshot([.. people.Select(p => new LocalPerson(p, floor.In.Contains(p), null))]);
    if (snapshot.People.Count != people.Count)
    {
        return false;
    }
    return snapshot.People.All(p => where[p.Slug] < 0
        ? !p.IsIn
        : p.IsIn && p.Places.Count == 1 && p.Places[0] == sim[where[p.Slug]].Name);
}

static string Ms(TimeSpan t) => $"{t.TotalMilliseconds:0} ms";
