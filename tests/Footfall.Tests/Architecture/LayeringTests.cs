using ArchUnitNET.Domain;
using ArchUnitNET.Domain.Dependencies;
using ArchUnitNET.Fluent.Slices;
using ArchUnitNET.Loader;
using ArchUnitNET.xUnit;

namespace Footfall.Tests.Architecture;

/// <summary>
/// The layers of docs/design.md, enforced. C# lets folders use each other in circles without a word, so
/// this test reads the compiled assembly (every type's dependencies, through ArchUnitNET) and refuses
/// any edge that runs up a layer and any circle between top-level folders.
/// </summary>
public sealed class LayeringTests
{
    /// <summary>Bottom to top. A folder may use folders of its own layer (without a circle) and any below.</summary>
    private static readonly string[][] s_layers =
    [
        ["Text", "Interop", "Net"],                                                          // primitives and interop
        ["Runtime"],                                                                         // log, health, doorbell, worker contract
        ["Sweep", "Presence", "Config", "Messages", "Feed", "PiHealth", "Leds", "Replay", "Building"], // the pure domain
        ["Store"],                                                                           // SQLite
        ["Contracts"],                                                                       // JSON the CLI, page and buses print
        ["Hardware", "Capture", "Status", "Bus", "Announce"],                                // the edges
        ["Daemon", "Cli", RootFolder],                                                       // composition roots
    ];

    /// <summary>Types in the namespace <c>Footfall</c> itself: Program.</summary>
    private const string RootFolder = "(Program)";

    private static readonly ArchUnitNET.Domain.Architecture s_architecture =
        new ArchLoader().LoadAssemblies(typeof(Footfall.Program).Assembly).Build();

    [Fact]
    public void EveryTopLevelFolderHasALayer()
    {
        var missing = FootfallTypes().Select(Folder).Distinct().Where(f => LayerOf(f) < 0).Order().ToList();
        Assert.True(missing.Count == 0,
            $"These folders of src/Footfall are in no layer: {string.Join(", ", missing)}. " +
            "Give each a layer in docs/design.md and in LayeringTests.");
    }

    [Fact]
    public void NoFolderUsesALayerAboveItsOwn()
    {
        var upward = new SortedSet<string>(StringComparer.Ordinal);
        foreach (IType type in FootfallTypes())
        {
            string from = Folder(type);
            foreach (ITypeDependency dependency in type.Dependencies)
            {
                IType? target = dependency.Target;
                // A generic parameter is no folder's type (ArchUnitNET files the source-generated JSON
                // contexts' TJsonMetadataType under whichever context declared it first).
                if (target is GenericParameter || !IsFootfall(target))
                {
                    continue;
                }
                string to = Folder(target!);
                if (LayerOf(to) > LayerOf(from))
                {
                    upward.Add($"{from} -> {to} ({Short(type)} uses {Short(target)})");
                }
            }
        }
        Assert.True(upward.Count == 0,
            "Edges that run up the layers (docs/design.md says which way they may go):\n  " + string.Join("\n  ", upward));
    }

    [Fact]
    public void NamespacesHaveNoCircle()
    {
        SliceRuleDefinition.Slices().Matching("Footfall.(*)..").Should().BeFreeOfCycles().Check(s_architecture);
    }

    [Fact]
    public void TopLevelFoldersHaveNoCircle()
    {
        var graph = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (IType type in FootfallTypes())
        {
            foreach (ITypeDependency dependency in type.Dependencies)
            {
                if (dependency.Target is not GenericParameter && IsFootfall(dependency.Target) && Folder(dependency.Target) != Folder(type))
                {
                    Edges(graph, Folder(type)).Add(Folder(dependency.Target));
                }
            }
        }
        var circles = Circles(graph);
        Assert.True(circles.Count == 0, "Top-level folders that use each other in a circle:\n  " + string.Join("\n  ", circles.Select(c => string.Join(" <-> ", c))));
    }

    [Fact]
    public void TheCircleFinderFindsACircle()
    {
        var graph = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal)
        {
            ["Leds"] = ["Presence", "Text"],
            ["Presence"] = ["Leds"],
            ["Text"] = [],
        };
        Assert.Equal(["Leds", "Presence"], Assert.Single(Circles(graph)));
    }

    private static SortedSet<string> Edges(Dictionary<string, SortedSet<string>> graph, string folder) =>
        graph.TryGetValue(folder, out SortedSet<string>? edges) ? edges : graph[folder] = new SortedSet<string>(StringComparer.Ordinal);

    /// <summary>The strongly connected components of more than one folder (Tarjan): each is a circle.</summary>
    private static List<List<string>> Circles(Dictionary<string, SortedSet<string>> graph)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var circles = new List<List<string>>();
        void Visit(string v)
        {
            index[v] = low[v] = index.Count;
            stack.Push(v);
            foreach (string w in graph.GetValueOrDefault(v) ?? [])
            {
                if (!index.ContainsKey(w))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (stack.Contains(w))
                {
                    low[v] = Math.Min(low[v], index[w]);
                }
            }
            if (low[v] == index[v])
            {
                var component = new List<string>();
                string w;
                do
                {
                    w = stack.Pop();
                    component.Add(w);
                }
                while (w != v);
                if (component.Count > 1)
                {
                    component.Sort(StringComparer.Ordinal);
                    circles.Add(component);
                }
            }
        }
        foreach (string v in graph.Keys.Order(StringComparer.Ordinal).ToList())
        {
            if (!index.ContainsKey(v))
            {
                Visit(v);
            }
        }
        return circles;
    }

    private static IEnumerable<IType> FootfallTypes() => s_architecture.Types.Where(IsFootfall);

    private static bool IsFootfall(IType? type) => type?.Namespace?.FullName is { } ns &&
        (ns == "Footfall" || ns.StartsWith("Footfall.", StringComparison.Ordinal));

    private static string Folder(IType type)
    {
        string ns = type.Namespace.FullName;
        return ns == "Footfall" ? RootFolder : ns.Split('.')[1];
    }

    private static int LayerOf(string folder) => Array.FindIndex(s_layers, layer => layer.Contains(folder));

    private static string Short(IType type) => type.FullName.StartsWith("Footfall.", StringComparison.Ordinal)
        ? type.FullName["Footfall.".Length..]
        : type.FullName;
}
