using Footfall.Announce.X;

namespace Footfall.Daemon;

/// <summary>
/// Announces on X: runs the publisher whenever the store says something new is in the outbox, when the
/// next post, retry or deletion is due, and every few seconds in any case (the clock may have become
/// synchronised; rows left by a crash are picked up).
/// </summary>
public sealed class XAnnounceWorker : IWorker
{
    private static readonly TimeSpan s_pollEvery = TimeSpan.FromSeconds(5);

    private readonly XPublisher _publisher;
    private readonly Mailboxes _mailboxes;
    private readonly TimeProvider _time;

    public XAnnounceWorker(XPublisher publisher, Mailboxes mailboxes, TimeProvider time)
    {
        _publisher = publisher;
        _mailboxes = mailboxes;
        _time = time;
    }

    public string Name => "announcer (X)";

    public async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            DateTimeOffset? next = await _publisher.RunOnceAsync(stopping).ConfigureAwait(false);
            TimeSpan pause = next is { } due ? due - _time.GetUtcNow() : s_pollEvery;
            if (pause <= TimeSpan.Zero)
            {
                continue;
            }
            using var wake = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            wake.CancelAfter(pause < s_pollEvery ? pause : s_pollEvery);
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
