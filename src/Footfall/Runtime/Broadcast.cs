using System.Threading.Channels;

namespace Footfall.Runtime;

/// <summary>
/// One publisher, any number of listeners that come and go (the status page's browsers). Each listener
/// has its own small mailbox that drops its oldest item when full: a listener that stops reading loses
/// news, and the publisher (a daemon worker) never waits for it.
/// </summary>
public sealed class Broadcast<T>
{
    private readonly int _capacity;
    private readonly Lock _gate = new();
    private readonly List<Channel<T>> _listeners = [];

    public Broadcast(int capacity = 64) => _capacity = capacity;

    public int ListenerCount
    {
        get
        {
            lock (_gate)
            {
                return _listeners.Count;
            }
        }
    }

    public void Publish(T item)
    {
        lock (_gate)
        {
            foreach (Channel<T> listener in _listeners)
            {
                listener.Writer.TryWrite(item);
            }
        }
    }

    /// <summary>Everything published from now on, until <paramref name="stopping"/> (or the listener's disposal) ends it.</summary>
    public async IAsyncEnumerable<T> Listen([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken stopping)
    {
        Channel<T> mailbox = Channel.CreateBounded<T>(
            new BoundedChannelOptions(_capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_gate)
        {
            _listeners.Add(mailbox);
        }
        try
        {
            while (true)
            {
                bool more;
                try
                {
                    more = await mailbox.Reader.WaitToReadAsync(stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    yield break;
                }
                if (!more)
                {
                    yield break;
                }
                while (mailbox.Reader.TryRead(out T? item))
                {
                    yield return item;
                }
            }
        }
        finally
        {
            lock (_gate)
            {
                _listeners.Remove(mailbox);
            }
        }
    }
}
