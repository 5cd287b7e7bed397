using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Footfall.Config;
using Footfall.Tests.Support;

namespace Footfall.Tests.Config;

/// <summary>
/// Keeps config/footfall.schema.json, which editors validate with, in step with footfall's validator:
/// on the table of files, the schema (checked by ajv, an independent implementation) must give the
/// verdict the file's folder names, and the schema must know exactly the keys footfall knows.
/// </summary>
public class SchemaTests
{
    [Fact]
    public void SchemaGivesEveryFileTheVerdictOfItsFolder()
    {
        var documents = new Dictionary<string, JsonNode?>();
        foreach (string name in ConfigFiles.All())
        {
            documents[name] = ReadAsPlainJson(ConfigFiles.PathOf(name));
        }
        documents["example"] = ReadAsPlainJson(ConfigFiles.Example);

        Dictionary<string, string[]> verdicts = Ajv.Validate(ConfigFiles.Schema, documents);

        var disagreements = new List<string>();
        foreach ((string name, string[] complaints) in verdicts)
        {
            bool schemaAccepts = complaints.Length == 0;
            bool shouldAccept = name == "example" || ConfigFiles.VerdictOf(name) is ConfigFiles.Valid or ConfigFiles.Semantic;
            if (schemaAccepts != shouldAccept)
            {
                disagreements.Add($"{name}: the schema {(schemaAccepts ? "accepts it" : $"refuses it ({string.Join("; ", complaints)})")}");
            }
        }
        Assert.Equal(documents.Count, verdicts.Count);
        Assert.True(disagreements.Count == 0, string.Join('\n', disagreements));
    }

    [Fact]
    public void SchemaKnowsExactlyTheKeysOfTheContract()
    {
        using JsonDocument schema = JsonDocument.Parse(File.ReadAllText(ConfigFiles.Schema));
        var schemaKeys = new SortedSet<string>(StringComparer.Ordinal);
        CollectSchemaKeys(schema.RootElement, schema.RootElement, "", schemaKeys);

        var contractKeys = new SortedSet<string>(StringComparer.Ordinal);
        CollectContractKeys(ContractOf<ConfigFile>(), "", contractKeys);

        Assert.Equal(contractKeys, schemaKeys);
    }

    [Fact]
    public void SchemaForbidsUnknownKeysEverywhere()
    {
        using JsonDocument schema = JsonDocument.Parse(File.ReadAllText(ConfigFiles.Schema));
        var open = new List<string>();
        FindOpenObjects(schema.RootElement, "#", open);
        Assert.Empty(open);
    }

    // The table's files are JSON as people write it (comments, trailing commas); ajv reads strict JSON.
    private static JsonNode? ReadAsPlainJson(string path) =>
        JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });

    private static JsonTypeInfo ContractOf<T>() => ConfigJsonContext.Default.Options.GetTypeInfo(typeof(T));

    private static void CollectContractKeys(JsonTypeInfo info, string path, ISet<string> keys)
    {
        if (info.Kind == JsonTypeInfoKind.Enumerable)
        {
            CollectContractKeys(ConfigJsonContext.Default.Options.GetTypeInfo(info.ElementType!), path + "[]", keys);
            return;
        }
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }
        foreach (JsonPropertyInfo property in info.Properties)
        {
            string key = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
            keys.Add(key);
            Type type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            CollectContractKeys(ConfigJsonContext.Default.Options.GetTypeInfo(type), key, keys);
        }
    }

    private static void CollectSchemaKeys(JsonElement root, JsonElement node, string path, ISet<string> keys)
    {
        if (node.TryGetProperty("$ref", out JsonElement reference))
        {
            CollectSchemaKeys(root, Resolve(root, reference.GetString()!), path, keys);
        }
        foreach (string combinator in new[] { "anyOf", "oneOf", "allOf" })
        {
            if (node.TryGetProperty(combinator, out JsonElement alternatives))
            {
                foreach (JsonElement alternative in alternatives.EnumerateArray())
                {
                    CollectSchemaKeys(root, alternative, path, keys);
                }
            }
        }
        if (node.TryGetProperty("items", out JsonElement items))
        {
            CollectSchemaKeys(root, items, path + "[]", keys);
        }
        if (node.TryGetProperty("properties", out JsonElement properties))
        {
            foreach (JsonProperty property in properties.EnumerateObject())
            {
                string key = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                keys.Add(key);
                CollectSchemaKeys(root, property.Value, key, keys);
            }
        }
    }

    private static JsonElement Resolve(JsonElement root, string reference)
    {
        Assert.StartsWith("#/", reference);
        JsonElement node = root;
        foreach (string part in reference[2..].Split('/'))
        {
            node = node.GetProperty(part);
        }
        return node;
    }

    private static void FindOpenObjects(JsonElement node, string where, List<string> open)
    {
        if (node.ValueKind == JsonValueKind.Object)
        {
            if (node.TryGetProperty("properties", out _)
                && !(node.TryGetProperty("additionalProperties", out JsonElement additional) && additional.ValueKind == JsonValueKind.False))
            {
                open.Add(where);
            }
            foreach (JsonProperty property in node.EnumerateObject())
            {
                FindOpenObjects(property.Value, $"{where}/{property.Name}", open);
            }
        }
        else if (node.ValueKind == JsonValueKind.Array)
        {
            int i = 0;
            foreach (JsonElement item in node.EnumerateArray())
            {
                FindOpenObjects(item, $"{where}/{i++}", open);
            }
        }
    }
}
