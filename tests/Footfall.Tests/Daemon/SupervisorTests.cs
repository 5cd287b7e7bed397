using Footfall.Daemon;
using Footfall.Runtime;

namespace Footfall.Tests.Daemon;

public class SupervisorTests
{
    private static readonly SupervisorPolicy s_quick = new()
    {
        MaxRestarts = 3,
        Within = TimeSpan.FromMinutes(1),
        FirstBackoff = TimeSpan.FromMilliseconds(1),
        MaxBackoff = TimeSpan.FromMilliseconds(5),
    };

    private readonly Health _health = new(TimeProvider.System);
    private readonly StringWriter _logText = new();
    private readonly Log _log;

    public SupervisorTests() => _log = new Log(_logText, TimeProvider.System, journal: false);

    [Fact]
    public async Task ACrashedWorkerIsRestartedAndCarriesOn()
    {
        var flaky = new ScriptedWorker("flaky", crashesBeforeWorking: 2);
        var supervisor = new Supervisor([flaky], s_quick, TimeProvider.System, _health, _log);
        using var stop = new CancellationTokenSource();
        Task<int> running = supervisor.RunAsync(stop.Token);

        await flaky.Working.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(3, flaky.Starts);
        Assert.True(_health.Verdict().Healthy);
        stop.Cancel();
        Assert.Equal(0, await running.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("flaky crashed: InvalidOperationException: crash 1", _logText.ToString());
        Assert.Contains("Restarting it", _logText.ToString());
    }

    [Fact]
    public async Task PastTheRestartLimitItGivesUpWithExitCodeOneAndStopsTheOthers()
    {
        var broken = new ScriptedWorker("broken", crashesBeforeWorking: int.MaxValue);
        var steady = new ScriptedWorker("steady", crashesBeforeWorking: 0);
        var supervisor = new Supervisor([broken, steady], s_quick, TimeProvider.System, _health, _log);

        int exitCode = await supervisor.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, exitCode);
        Assert.Equal(s_quick.MaxRestarts + 1, broken.Starts);
        Assert.True(steady.Stopped, "the healthy worker was told to stop");
        Assert.Contains("giving up", _logText.ToString());
    }

    [Fact]
    public void BackoffDoublesUpToItsCap()
    {
        var policy = new SupervisorPolicy { FirstBackoff = TimeSpan.FromSeconds(1), MaxBackoff = TimeSpan.FromSeconds(10) };
        Assert.Equal([1, 2, 4, 8, 10, 10], Enumerable.Range(1, 6).Select(n => policy.BackoffFor(n).TotalSeconds));
    }

    [Fact]
    public async Task ADeadWorkerMakesTheDaemonUnhealthy()
    {
        var broken = new ScriptedWorker("broken", crashesBeforeWorking: int.MaxValue);
        var supervisor = new Supervisor([broken], s_quick with { MaxRestarts = 0 }, TimeProvider.System, _health, _log);
        await supervisor.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        HealthVerdict verdict = _health.Verdict();
        Assert.False(verdict.Healthy);
        Assert.Contains("worker broken is not running", verdict.Reasons);
    }

    /// <summary>Throws on its first starts, then works until told to stop.</summary>
    private sealed class ScriptedWorker(string name, int crashesBeforeWorking) : IWorker
    {
        public string Name => name;

        public int Starts { get; private set; }

        public bool Stopped { get; private set; }

        public TaskCompletionSource Working { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task RunAsync(CancellationToken stopping)
        {
            Starts++;
            if (Starts <= crashesBeforeWorking)
            {
                throw new InvalidOperationException($"crash {Starts}");
            }
            Working.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, stopping);
            }
            finally
            {
                Stopped = true;
            }
        }
    }
}
