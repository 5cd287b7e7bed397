namespace Footfall.Runtime;

/// <summary>
/// One box of the data flow, run and restarted by the <see cref="Supervisor"/>. A worker keeps its
/// state in what it is given (mailboxes, the store), so a restarted worker carries on where it failed.
/// RunAsync returns when its input is complete (orderly shutdown) and throws when something broke.
/// </summary>
public interface IWorker
{
    string Name { get; }

    Task RunAsync(CancellationToken stopping);
}
