using System.Text.Json.Serialization;
using Footfall.Contracts;

namespace Footfall.Cli.Report;

/// <summary>pi.json: the Pi's health as `who --json` gives it, over every episode kept; null when no sensor was ever read.</summary>
internal sealed record PiReportJson(PiJson? Pi);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(PiReportJson))]
internal sealed partial class ReportJson : JsonSerializerContext;
