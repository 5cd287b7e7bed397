namespace Footfall.Messages;

/// <summary>
/// The rule that makes one post (and one feed line) of things that happen close together: a group starts
/// with the oldest item and takes every later one before its start plus the window; the next item after
/// that starts the next group. A group is told only once its window has closed, and while one is still
/// open, it and everything after it waits. A zero window makes each item a group of its own at once.
/// </summary>
public static class AggregationWindows
{
    /// <summary>
    /// Splits <paramref name="items"/> (oldest first) into the groups whose window has closed by
    /// <paramref name="now"/>. The items after the last group returned are still waiting;
    /// <paramref name="openUntil"/> is when the first of them closes (null: nothing waits).
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<T>> Closed<T>(
        IReadOnlyList<T> items, Func<T, DateTimeOffset> at, TimeSpan window, DateTimeOffset now, out DateTimeOffset? openUntil)
    {
        var groups = new List<IReadOnlyList<T>>();
        openUntil = null;
        int first = 0;
        while (first < items.Count)
        {
            DateTimeOffset windowEnd = at(items[first]) + window;
            if (windowEnd > now)
            {
                openUntil = windowEnd;
                break;
            }
            int end = first + 1;
            while (end < items.Count && at(items[end]) < windowEnd)
            {
                end++;
            }
            groups.Add([.. items.Skip(first).Take(end - first)]);
            first = end;
        }
        return groups;
    }
}
