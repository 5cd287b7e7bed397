using System.Text.Json;
using System.Text.RegularExpressions;
using Footfall.Tests.Support;

namespace Footfall.Tests.Docs;

/// <summary>
/// Keeps docs/configuration.md, the reference an office reads, in step with config/footfall.schema.json,
/// the schema that SchemaTests keeps in step with the validator: every key the schema knows is documented,
/// and nothing is documented that the schema does not know (a key renamed or dropped would otherwise live
/// on in the docs). The document's convention, stated at its top, is what this parses: a key is documented
/// by a heading that is only the key's full path as inline code (a section, such as "## `announce.x`"), or
/// by the first cell of a row in a table whose first column is headed "key", that cell being the key's
/// full path as inline code and nothing else. Array items are written "[]": `people[].devices`.
/// </summary>
public class ConfigurationReferenceTests
{
    private static readonly Regex KeyHeading = new(@"^#{1,6}\s+`([^`]+)`\s*$", RegexOptions.CultureInvariant);
    private static readonly Regex KeyCell = new(@"^`([^`]+)`$", RegexOptions.CultureInvariant);

    [Fact]
    public void EverySchemaKeyIsDocumentedAndEveryDocumentedKeyIsInTheSchema()
    {
        SortedSet<string> schemaKeys = SchemaKeys(File.ReadAllText(RepoFiles.Path("config", "footfall.schema.json")));
        (List<string> documented, List<string> malformed) = DocumentedKeys(File.ReadAllLines(RepoFiles.Path("docs", "configuration.md")));

        var documentedSet = new SortedSet<string>(documented, StringComparer.Ordinal);
        var problems = new List<string>();
        problems.AddRange(schemaKeys.Where(key => !documentedSet.Contains(key))
            .Select(key => $"in the schema but not documented in docs/configuration.md: {key}"));
        problems.AddRange(documentedSet.Where(key => !schemaKeys.Contains(key))
            .Select(key => $"documented in docs/configuration.md but not in the schema: {key}"));
        problems.AddRange(documented.GroupBy(key => key, StringComparer.Ordinal).Where(group => group.Count() > 1)
            .Select(group => $"documented {group.Count()} times in docs/configuration.md: {group.Key}"));
        problems.AddRange(malformed);

        // A schema the walk cannot read would make the comparison vacuous.
        Assert.True(schemaKeys.Count > 50, $"only {schemaKeys.Count} keys found in the schema: {string.Join(", ", schemaKeys)}");
        Assert.True(problems.Count == 0, $"{problems.Count} problem(s):\n" + string.Join('\n', problems));
    }

    [Fact]
    public void SchemaWalkFindsNestedObjectsArrayItemsAndReferences()
    {
        const string schema = """
            {
              "properties": {
                "a": { "type": ["object", "null"], "properties": { "b": { "type": "string" } } },
                "list": { "type": "array", "items": { "properties": { "c": { "$ref": "#/$defs/d" } } } },
                "plain": { "type": "array", "items": { "$ref": "#/$defs/s" } },
                "either": { "anyOf": [ { "$ref": "#/$defs/o" }, { "type": "null" } ] }
              },
              "$defs": {
                "d": { "type": "object", "properties": { "e": { "type": "integer" } } },
                "s": { "type": "string" },
                "o": { "type": "object", "properties": { "f": { "type": "boolean" } } }
              }
            }
            """;

        string[] expected = ["a", "a.b", "either", "either.f", "list", "list[].c", "list[].c.e", "plain"];
        Assert.Equal(expected, SchemaKeys(schema));
    }

    [Fact]
    public void DocumentReaderTakesHeadingsAndKeyTablesOnly()
    {
        string[] lines =
        [
            "# Configuration",
            "Prose that mentions `not.a.key` is not read.",
            "## `site`",
            "| key | default | rule |",
            "|---|---|---|",
            "| `site.name` | `footfall` | |",
            "| site.timeZone | `UTC` | |",
            "",
            "| duration | meaning |",
            "|---|---|",
            "| `15s` | fifteen seconds |",
        ];

        (List<string> documented, List<string> malformed) = DocumentedKeys(lines);

        string[] expected = ["site", "site.name"];
        Assert.Equal(expected, documented);
        Assert.Single(malformed);
        Assert.Contains("site.timeZone", malformed[0]);
    }

    /// <summary>Every property path in the schema, objects included: `announce.x` and `announce.x.consumerKey`.</summary>
    private static SortedSet<string> SchemaKeys(string schemaJson)
    {
        using JsonDocument document = JsonDocument.Parse(schemaJson);
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        Walk(document.RootElement, document.RootElement, "", keys, depth: 0);
        return keys;
    }

    private static void Walk(JsonElement node, JsonElement root, string path, SortedSet<string> keys, int depth)
    {
        // The schema has no recursive definitions; a loop here would mean one was added.
        if (depth > 32)
        {
            throw new InvalidOperationException($"the schema nests deeper than 32 levels at {path}: a recursive $ref?");
        }
        if (node.ValueKind != JsonValueKind.Object)
        {
            return;
        }
        if (node.TryGetProperty("properties", out JsonElement properties))
        {
            foreach (JsonProperty property in properties.EnumerateObject())
            {
                string key = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                keys.Add(key);
                Walk(property.Value, root, key, keys, depth + 1);
            }
        }
        if (node.TryGetProperty("items", out JsonElement items))
        {
            Walk(items, root, path + "[]", keys, depth + 1);
        }
        foreach (string combinator in new[] { "anyOf", "oneOf", "allOf" })
        {
            if (node.TryGetProperty(combinator, out JsonElement branches))
            {
                foreach (JsonElement branch in branches.EnumerateArray())
                {
                    Walk(branch, root, path, keys, depth + 1);
                }
            }
        }
        // In draft 2020-12 a $ref applies beside its siblings, so both are walked.
        if (node.TryGetProperty("$ref", out JsonElement reference))
        {
            Walk(Resolve(root, reference.GetString()!), root, path, keys, depth + 1);
        }
    }

    private static JsonElement Resolve(JsonElement root, string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"only references into the schema itself are understood, not {reference}");
        }
        JsonElement target = root;
        foreach (string token in reference[2..].Split('/'))
        {
            target = target.GetProperty(token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
        }
        return target;
    }

    /// <summary>The keys the document names by its convention, in order, and the table rows that break it.</summary>
    private static (List<string> Documented, List<string> Malformed) DocumentedKeys(IReadOnlyList<string> lines)
    {
        var documented = new List<string>();
        var malformed = new List<string>();
        bool inKeyTable = false;
        bool inTable = false;
        for (int i = 0; i < lines.Count; i++)
        {
            string line = lines[i].Trim();
            if (!line.StartsWith('|'))
            {
                inTable = false;
                inKeyTable = false;
                Match heading = KeyHeading.Match(line);
                if (heading.Success)
                {
                    documented.Add(heading.Groups[1].Value);
                }
                continue;
            }
            string[] cells = line.Trim('|').Split('|');
            string first = cells[0].Trim();
            if (!inTable)
            {
                // A table's first row is its header.
                inTable = true;
                inKeyTable = first == "key";
                continue;
            }
            if (!inKeyTable || first.Length == 0 || first.All(c => c is '-' or ':'))
            {
                continue;
            }
            Match cell = KeyCell.Match(first);
            if (cell.Success)
            {
                documented.Add(cell.Groups[1].Value);
            }
            else
            {
                malformed.Add($"docs/configuration.md line {i + 1}: a key table's first cell must be one key's full path as inline code, not {first}");
            }
        }
        return (documented, malformed);
    }
}
