using Footfall.Runtime;

namespace Footfall.Daemon;

/// <summary>
/// Runs workers, restarts those that crash (with backoff), and gives up when restarts come too often.
/// Tells <see cref="Health"/> which workers are alive.
/// </summary>
public sealed class Supervisor
{
    private readonly IReadOnlyList<IWorker> _workers;
    private readonly SupervisorPolicy _policy;
    private readonly TimeProvider _time;
    private readonly Health _health;
    private readonly Log _log;
    private readonly Queue<long> _recentRestarts = new();
    private readonly object _gate = new();

    public Supervisor(IReadOnlyList<IWorker> workers, SupervisorPolicy policy, TimeProvider time, Health health, Log log)
    {
        _workers = workers;
        _policy = policy;
        _time = time;
        _health = health;
        _log = log;
    }

    /// <summary>
    /// Runs until every worker has finished after <paramref name="stopping"/> (exit code 0), or until the
    /// restart limit is passed (exit code 1; the remaining workers are told to stop first).
    /// </summary>
    public async Task<int> RunAsync(CancellationToken stopping)
    {
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        Task[] running = _workers.Select(worker => SuperviseAsync(worker, giveUp)).ToArray();
        await Task.WhenAll(running).ConfigureAwait(false);
        return giveUp.IsCancellationRequested && !stopping.IsCancellationRequested ? 1 : 0;
    }

    private async Task SuperviseAsync(IWorker worker, CancellationTokenSource giveUp)
    {
        CancellationToken token = giveUp.Token;
        while (true)
        {
            _health.MarkAlive(worker.Name, true);
            try
            {
                await Task.Run(() => worker.RunAsync(token), CancellationToken.None).ConfigureAwait(false);
                _health.MarkAlive(worker.Name, false);
                return;
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                _health.MarkAlive(worker.Name, false);
                return;
            }
            catch (Exception e)
            {
                _health.MarkAlive(worker.Name, false);
                if (token.IsCancellationRequested)
                {
                    return;
                }
                int recent = CountRestart();
                if (recent > _policy.MaxRestarts)
                {
                    _log.Error($"{worker.Name} crashed: {e.Message}. That is more than {_policy.MaxRestarts} restarts within {_policy.Within.TotalSeconds:0} s: giving up so that the service manager restarts footfall.");
                    giveUp.Cancel();
                    return;
                }
                TimeSpan backoff = _policy.BackoffFor(recent);
                _log.Warn($"{worker.Name} crashed: {e.GetType().Name}: {e.Message}. Restarting it in {backoff.TotalSeconds:0.0} s ({recent} of {_policy.MaxRestarts} restarts allowed within {_policy.Within.TotalSeconds:0} s).");
                try
                {
                    await Task.Delay(backoff, _time, token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Records a restart now and returns how many fell within the policy's window.</summary>
    private int CountRestart()
    {
        lock (_gate)
        {
            long now = _time.GetTimestamp();
            _recentRestarts.Enqueue(now);
            while (_recentRestarts.Count > 0 && _time.GetElapsedTime(_recentRestarts.Peek(), now) > _policy.Within)
            {
                _recentRestarts.Dequeue();
            }
            return _recentRestarts.Count;
        }
    }
}
