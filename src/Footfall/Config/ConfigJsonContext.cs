using System.Text.Json.Serialization;

namespace Footfall.Config;

/// <summary>
/// The source-generated contract of the configuration file: no reflection, so it trims and compiles
/// ahead of time. ConfigShape also walks this contract to report unknown keys and wrong kinds by path.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(ConfigFile))]
internal sealed partial class ConfigJsonContext : JsonSerializerContext;
