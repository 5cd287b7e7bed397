namespace Footfall.Runtime;

/// <summary>
/// The line the status page shows about the image's updates (what Daemon.UpdateStatus read from the
/// updater's file): null when there is none. Unlike a problem it may be good news ("updated from 1.3 to
/// 1.4"), so it lives beside <see cref="Health"/>, not in it, and never touches the verdict.
/// </summary>
public sealed class UpdateNotice
{
    private string? _text;

    /// <summary>Rung when <see cref="Text"/> changes, for the page's live events.</summary>
    public Doorbell Changed { get; } = new();

    public string? Text => Volatile.Read(ref _text);

    /// <summary>Shows <paramref name="text"/> (null: nothing); returns true if it changed.</summary>
    public bool Set(string? text)
    {
        if (Interlocked.Exchange(ref _text, text) == text)
        {
            return false;
        }
        Changed.Ring();
        return true;
    }
}
