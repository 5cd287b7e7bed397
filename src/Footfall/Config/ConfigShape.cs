using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Footfall.Config;

/// <summary>
/// Walks the parsed document against the source-generated contract (<see cref="ConfigJsonContext"/>:
/// its property names and types), reporting every unknown key, repeated key and value of the wrong
/// kind with its path. It writes out a copy that holds only what fits the contract, with each
/// misfit replaced by null (so array indexes keep their meaning), which then deserializes without
/// fail: the later checks still run on everything that was well formed, and one run reports all.
/// </summary>
internal sealed class ConfigShape
{
    private readonly ConfigErrors _errors;
    private readonly JsonSerializerOptions _contract;

    private ConfigShape(ConfigErrors errors, JsonSerializerOptions contract)
    {
        _errors = errors;
        _contract = contract;
    }

    /// <summary>The document's well-formed part as JSON for <see cref="ConfigFile"/>, or null if the root is not even an object.</summary>
    public static byte[]? Clean(JsonElement root, ConfigErrors errors)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            var shape = new ConfigShape(errors, ConfigJsonContext.Default.Options);
            if (root.ValueKind == JsonValueKind.Null)
            {
                errors.Add(ConfigPath.Root, "must be an object, not null");
                return null;
            }
            if (!shape.Write(root, typeof(ConfigFile), ConfigPath.Root, writer))
            {
                return null;
            }
        }
        return buffer.WrittenSpan.ToArray();
    }

    // Writes the value if it has the kind the contract wants for `type`; if not, reports it and
    // writes nothing, and returns false. Never fails half-way: misfits inside objects and arrays
    // are handled inside.
    private bool Write(JsonElement value, Type type, string path, Utf8JsonWriter writer)
    {
        _errors.Visited(path);
        Type target = Nullable.GetUnderlyingType(type) ?? type;
        if (target == typeof(string))
        {
            if (value.ValueKind != JsonValueKind.String)
            {
                return WrongKind(value, target, path);
            }
            if (!TryGetString(value, out string text))
            {
                _errors.Add(path, "is not valid text: it has a \\u escape for half a character");
                return false;
            }
            writer.WriteStringValue(text);
            return true;
        }
        if (target == typeof(int))
        {
            if (value.ValueKind != JsonValueKind.Number)
            {
                return WrongKind(value, target, path);
            }
            if (!value.TryGetInt32(out int number))
            {
                string raw = value.GetRawText();
                _errors.Add(path, raw.AsSpan().IndexOfAny(".eE") >= 0 ? "must be a whole number" : "is far out of range");
                return false;
            }
            writer.WriteNumberValue(number);
            return true;
        }
        if (target == typeof(double))
        {
            if (value.ValueKind != JsonValueKind.Number)
            {
                return WrongKind(value, target, path);
            }
            if (!value.TryGetDouble(out double number) || !double.IsFinite(number))
            {
                _errors.Add(path, "is far out of range");
                return false;
            }
            writer.WriteNumberValue(number);
            return true;
        }
        if (target == typeof(bool))
        {
            if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return WrongKind(value, target, path);
            }
            writer.WriteBooleanValue(value.ValueKind == JsonValueKind.True);
            return true;
        }

        JsonTypeInfo info = _contract.GetTypeInfo(target);
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object when value.ValueKind == JsonValueKind.Object:
                WriteObject(value, info, path, writer);
                return true;
            case JsonTypeInfoKind.Enumerable when value.ValueKind == JsonValueKind.Array:
                WriteArray(value, info.ElementType!, path, writer);
                return true;
            case JsonTypeInfoKind.Object or JsonTypeInfoKind.Enumerable:
                return WrongKind(value, target, path);
            default:
                // Only a change to ConfigFile can bring us here, and the unit tests walk all of it.
                throw new InvalidOperationException($"The configuration contract has a {target.Name}, which the shape check does not handle.");
        }
    }

    private void WriteObject(JsonElement value, JsonTypeInfo info, string path, Utf8JsonWriter writer)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        writer.WriteStartObject();
        foreach (JsonProperty property in value.EnumerateObject())
        {
            if (!TryGetName(property, out string key))
            {
                _errors.Add(path, "has a key that is not valid text: it has a \\u escape for half a character");
                continue;
            }
            string keyPath = ConfigPath.Key(path, key);
            _errors.Visited(keyPath);
            JsonPropertyInfo? known = Find(info, key);
            if (known is null)
            {
                _errors.Add(keyPath, UnknownKey(info, key));
                continue;
            }
            if (!seen.Add(key))
            {
                _errors.Add(keyPath, "is given twice");
                continue;
            }
            writer.WritePropertyName(known.Name);
            // Null is the same as leaving the key out; whether it may be left out is decided later.
            if (property.Value.ValueKind == JsonValueKind.Null || !Write(property.Value, known.PropertyType, keyPath, writer))
            {
                writer.WriteNullValue();
            }
        }
        writer.WriteEndObject();
        _errors.Left(path);
    }

    private void WriteArray(JsonElement value, Type elementType, string path, Utf8JsonWriter writer)
    {
        writer.WriteStartArray();
        int index = 0;
        foreach (JsonElement item in value.EnumerateArray())
        {
            string itemPath = ConfigPath.Index(path, index++);
            if (item.ValueKind == JsonValueKind.Null)
            {
                _errors.Visited(itemPath);
                _errors.Add(itemPath, $"must be {Describe(elementType)}, not null");
                writer.WriteNullValue();
            }
            else if (!Write(item, elementType, itemPath, writer))
            {
                writer.WriteNullValue();
            }
        }
        writer.WriteEndArray();
        _errors.Left(path);
    }

    private static JsonPropertyInfo? Find(JsonTypeInfo info, string key)
    {
        foreach (JsonPropertyInfo property in info.Properties)
        {
            if (string.Equals(property.Name, key, StringComparison.Ordinal))
            {
                return property;
            }
        }
        return null;
    }

    private static string UnknownKey(JsonTypeInfo info, string key)
    {
        foreach (JsonPropertyInfo property in info.Properties)
        {
            if (string.Equals(property.Name, key, StringComparison.OrdinalIgnoreCase))
            {
                return $"unknown key: keys are case-sensitive (did you mean \"{property.Name}\"?)";
            }
        }
        foreach (JsonPropertyInfo property in info.Properties)
        {
            if (key.Length >= 3 && EditDistanceAtMost2(key, property.Name))
            {
                return $"unknown key (did you mean \"{property.Name}\"?)";
            }
        }
        return $"unknown key (expected {string.Join(", ", info.Properties.Select(p => p.Name))})";
    }

    private bool WrongKind(JsonElement value, Type expected, string path)
    {
        // The value itself is never echoed: it may be a secret.
        _errors.Add(path, $"must be {Describe(expected)}, not {Describe(value.ValueKind)}");
        return false;
    }

    private string Describe(Type type)
    {
        Type target = Nullable.GetUnderlyingType(type) ?? type;
        if (target == typeof(string))
        {
            return "a string";
        }
        if (target == typeof(int))
        {
            return "a whole number";
        }
        if (target == typeof(double))
        {
            return "a number";
        }
        if (target == typeof(bool))
        {
            return "true or false";
        }
        return _contract.GetTypeInfo(target).Kind == JsonTypeInfoKind.Enumerable ? "an array" : "an object";
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => "null",
    };

    // A "\ud800" escape parses as JSON but is no text: reading it throws, so ask carefully.
    private static bool TryGetString(JsonElement value, out string text)
    {
        try
        {
            text = value.GetString() ?? "";
            return true;
        }
        catch (InvalidOperationException)
        {
            text = "";
            return false;
        }
    }

    private static bool TryGetName(JsonProperty property, out string name)
    {
        try
        {
            name = property.Name;
            return true;
        }
        catch (InvalidOperationException)
        {
            name = "";
            return false;
        }
    }

    /// <summary>True when one of at most two insertions, deletions or substitutions turns a into b: a typo.</summary>
    private static bool EditDistanceAtMost2(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 2)
        {
            return false;
        }
        Span<int> previous = stackalloc int[b.Length + 1];
        Span<int> current = stackalloc int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitution = previous[j - 1] + (char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }
            current.CopyTo(previous);
        }
        return previous[b.Length] <= 2;
    }
}
