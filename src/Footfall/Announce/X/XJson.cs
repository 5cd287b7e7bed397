using System.Text.Json.Serialization;

namespace Footfall.Announce.X;

/// <summary>The request body of POST /2/tweets.</summary>
internal sealed record NewPost(string Text);

/// <summary>The parts of X's answers footfall reads: data.id (a post), data.username (users/me), and a problem's detail.</summary>
internal sealed record XAnswer(XAnswerData? Data, string? Title, string? Detail, IReadOnlyList<XError>? Errors);

internal sealed record XAnswerData(string? Id, string? Username, string? Name, bool? Deleted);

internal sealed record XError(string? Message, string? Detail);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(NewPost))]
[JsonSerializable(typeof(XAnswer))]
internal sealed partial class XJsonContext : JsonSerializerContext;
