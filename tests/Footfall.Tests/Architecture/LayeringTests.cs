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
        ["Sweep", "Presence", "Config", "Messages", "Feed", "PiHealth", "Leds", "Replay"],   // the pure domain
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
    public void TopLevelFoldersHaveNoCircle()
    {
        SliceRuleDefinition.Slices().Matching("Footfall.(*)..").Should().BeFreeOfCycles().Check(s_architecture);
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
