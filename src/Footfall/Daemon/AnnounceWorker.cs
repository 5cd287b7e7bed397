using Footfall.Announce;
using Footfall.Store;

namespace Footfall.Daemon;

/// <summary>
/// Drains the outbox into the announcer: wakes when the store says something new is there, and every
/// few seconds in any case so that rows left by a crash or a failed try are picked up again.
/// </summary>
public sealed class AnnounceWorker : IWorker
{
    private static readonly TimeSpan s_pollEvery = TimeSpan.FromSeconds(5);

    private readonly FootfallStore _store;
    private readonly IAnnouncer _announcer;
    private readonly Mailboxes _mailboxes;

    public AnnounceWorker(FootfallStore store, IAnnouncer announcer, Mailboxes mailboxes)
    {
        _store = store;
        _announcer = announcer;
        _mailboxes = mailboxes;
    }

    public string Name => $"announcer ({_announcer.Name})";

    public async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            foreach (OutboxItem item in _store.PendingOutbox(50))
            {
                await _announcer.AnnounceAsync(item, stopping).ConfigureAwait(false);
                _store.MarkOutbox(item.Id, OutboxState.Delivered, _announcer.Name);
            }
            using var wake = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            wake.CancelAfter(s_pollEvery);
            try
            {
                await _mailboxes.OutboxChanged.Reader.ReadAsync(wake.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }
}
