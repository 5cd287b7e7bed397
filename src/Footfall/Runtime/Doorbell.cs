namespace Footfall.Runtime;

/// <summary>
/// Tells any number of waiting workers that something changed. Take <see cref="Next"/> before looking at
/// what changed, then wait on it: a ring while looking is not lost.
/// </summary>
public sealed class Doorbell
{
    private TaskCompletionSource _rung = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Next => Volatile.Read(ref _rung).Task;

    public void Ring() => Interlocked.Exchange(ref _rung, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Waits for the ring after <paramref name="next"/> was taken, at most <paramref name="atMost"/>.</summary>
    public static async Task WaitAsync(Task next, TimeSpan atMost, TimeProvider time, CancellationToken cancellation)
    {
        using var timeout = new CancellationTokenSource(atMost, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellation, timeout.Token);
        try
        {
            await next.WaitAsync(either.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
        }
    }
}
