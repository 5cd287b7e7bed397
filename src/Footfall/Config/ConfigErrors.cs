namespace Footfall.Config;

/// <summary>
/// Collects problems from every pass over the file so that all of them are reported at once, each
/// path at most once, in the order the paths appear in the file.
/// </summary>
internal sealed class ConfigErrors
{
    /// <summary>A mangled file can have thousands of problems; past this many the rest are only counted.</summary>
    public const int MaximumShown = 100;

    private readonly List<(string Path, string Reason)> _errors = [];
    private readonly HashSet<string> _paths = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _positions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _ends = new(StringComparer.Ordinal);

    public int Count => _errors.Count;

    /// <summary>Reports a problem unless one was already reported at this very path (the first is the more precise).</summary>
    public void Add(string path, string reason)
    {
        if (_paths.Add(path))
        {
            _errors.Add((path, reason));
        }
    }

    /// <summary>True if a problem was reported at this path: later passes then stay quiet about it.</summary>
    public bool Has(string path) => _paths.Contains(path);

    /// <summary>Notes where in the document a path was met, so that errors can be told in file order.</summary>
    public void Visited(string path) => _positions.TryAdd(path, _positions.Count);

    /// <summary>Notes that the walk has left an object or array: what is missing from it is told after what it has.</summary>
    public void Left(string path) => _ends.TryAdd(path, _positions.Count);

    public IReadOnlyList<ConfigError> ToList()
    {
        var sorted = _errors
            .Select((error, index) => (error, index, position: PositionOf(error.Path)))
            .OrderBy(e => e.position)
            .ThenBy(e => e.index)
            .Select(e => new ConfigError(ConfigPath.Display(e.error.Path), e.error.Reason))
            .ToList();
        if (sorted.Count > MaximumShown)
        {
            int hidden = sorted.Count - MaximumShown;
            sorted.RemoveRange(MaximumShown, hidden);
            sorted.Add(new ConfigError(ConfigError.RootPath, $"{hidden} more problems not shown; fix these first"));
        }
        return sorted;
    }

    // A path the walk never met (a required key that is missing, say) sorts at the end of its
    // nearest ancestor that it did meet: "people[0].name" -> "people[0]" -> "people" -> the root.
    private double PositionOf(string path)
    {
        if (_positions.TryGetValue(path, out int position))
        {
            return position;
        }
        while (true)
        {
            int cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
            path = cut <= 0 ? ConfigPath.Root : path[..cut];
            if (_ends.TryGetValue(path, out int end))
            {
                return end - 0.5;
            }
            if (_positions.TryGetValue(path, out position))
            {
                return position;
            }
            if (path.Length == 0)
            {
                return -1;
            }
        }
    }
}
