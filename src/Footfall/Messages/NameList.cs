namespace Footfall.Messages;

/// <summary>Names joined the way people write them: "Alice", "Alice and Bob", "Alice, Bob and Carol".</summary>
public static class NameList
{
    public static string Join(IReadOnlyList<string> names) => names.Count switch
    {
        0 => "",
        1 => names[0],
        _ => $"{string.Join(", ", names.Take(names.Count - 1))} and {names[^1]}",
    };
}
