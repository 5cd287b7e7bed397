using System.Text.Json.Nodes;

namespace Footfall.Tests.Support;

/// <summary>
/// ajv, a JSON Schema validator independent of footfall's own, run with node from tests/schema
/// (its own package.json and lock), installed there on first use.
/// </summary>
public static class Ajv
{
    private static readonly Lazy<string> s_installed = new(() => Node.Installed("schema", "ajv"));

    /// <summary>Validates each document (plain JSON) against the schema: name -> the schema's complaints, empty when it accepts it.</summary>
    public static Dictionary<string, string[]> Validate(string schemaPath, IReadOnlyDictionary<string, JsonNode?> documents)
    {
        string folder = s_installed.Value;
        var input = new JsonObject();
        foreach ((string name, JsonNode? document) in documents)
        {
            input[name] = document?.DeepClone();
        }
        (int exitCode, string stdout, string stderr) = Node.Run(folder, input.ToJsonString(), "node", "validate.mjs", schemaPath);
        Assert.True(exitCode == 0, $"node validate.mjs failed ({exitCode}): {stderr}");
        return JsonNode.Parse(stdout)!.AsObject().ToDictionary(
            verdict => verdict.Key,
            verdict => verdict.Value!.AsArray().Select(complaint => complaint!.GetValue<string>()).ToArray());
    }
}
