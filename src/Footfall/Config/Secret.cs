using System.Diagnostics;

namespace Footfall.Config;

/// <summary>
/// A credential from the configuration (the X keys). It prints as a mask wherever it ends up, in
/// records' ToString(), logs, exceptions or the debugger; only <see cref="Reveal"/> gives the value,
/// so every use of the real text is one searchable call.
/// </summary>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class Secret
{
    public const string Mask = "********";

    private readonly string _value;

    public Secret(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    /// <summary>How many characters the value has: enough to spot a truncated paste, not enough to leak it.</summary>
    public int Length => _value.Length;

    /// <summary>The value itself, for the one place that signs requests with it. Never print it.</summary>
    public string Reveal() => _value;

    public override string ToString() => Mask;
}
