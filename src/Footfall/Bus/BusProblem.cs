using Footfall.Runtime;

namespace Footfall.Bus;

/// <summary>
/// A bus's trouble, said once: the first time a problem (or a different one) is seen it goes to the log and
/// to health, so the status LED shows "announcing failing"; the same problem again says nothing more.
/// </summary>
public sealed class BusProblem(string bus, string healthArea, Health health, Log log)
{
    private readonly Lock _gate = new();
    private string? _last;

    public bool Any
    {
        get
        {
            lock (_gate)
            {
                return _last is not null;
            }
        }
    }

    /// <summary>Says <paramref name="problem"/> unless it is the one said last.</summary>
    public void Say(string problem)
    {
        lock (_gate)
        {
            if (problem == _last)
            {
                return;
            }
            _last = problem;
        }
        log.Error($"{bus}: {problem}; retrying with backoff");
        health.SetProblem(healthArea, problem);
    }

    /// <summary>The bus works again: health forgets the problem. True when there was one.</summary>
    public bool Clear()
    {
        lock (_gate)
        {
            if (_last is null)
            {
                return false;
            }
            _last = null;
        }
        health.SetProblem(healthArea, null);
        return true;
    }
}
