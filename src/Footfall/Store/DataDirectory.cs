namespace Footfall.Store;

/// <summary>Where the database lives when no --data is given.</summary>
internal static class DataDirectory
{
    /// <summary>
    /// XDG's state directory on a dev machine (state, not data: it is a history that can be lost without grief);
    /// /var/lib/footfall for a service running without HOME. The image passes --data /data/footfall, its
    /// one writable partition.
    /// </summary>
    public static string Default(Func<string, string?> environment)
    {
        if (environment("XDG_STATE_HOME") is { Length: > 0 } state && Path.IsPathFullyQualified(state))
        {
            return Path.Combine(state, "footfall");
        }
        if (environment("HOME") is { Length: > 0 } home)
        {
            return Path.Combine(home, ".local", "state", "footfall");
        }
        return "/var/lib/footfall";
    }
}
