using Footfall.Announce;
using Footfall.Runtime;

namespace Footfall.Daemon;

/// <summary>
/// Runs the announcer: a round whenever the store says something new is in the outbox, when the announcer
/// says its next post, retry or deletion is due, and every few seconds in any case (rows left by a crash
/// are picked up; the clock may have become synchronised).
/// </summary>
public sealed class AnnounceWorker : IWorker
{
    private static readonly TimeSpan s_pollEvery = TimeSpan.FromSeconds(5);

    private readonly IAnnouncer _announcer;
    private readonly Mailboxes _mailboxes;
    private readonly TimeProvider _time;

    public AnnounceWorker(IAnnouncer announcer, Mailboxes mailboxes, TimeProvider time)
    {
        _announcer = announcer;
        _mailboxes = mailboxes;
        _time = time;
    }

    public string Name => $"announcer ({_announcer.Name})";

    public async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            DateTimeOffset? next = await _announcer.RunOnceAsync(stopping).ConfigureAwait(false);
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
