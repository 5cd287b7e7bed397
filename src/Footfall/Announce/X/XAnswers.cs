using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Footfall.Announce.X;

/// <summary>
/// What an HTTP answer from X means (pure: status, rate-limit header and body in, <see cref="XResult"/> out),
/// so every rule of the X issue is one line here and tested without a network.
/// </summary>
public static class XAnswers
{
    /// <summary>X's bodies can be long; a human needs the first words, and the database needs no more.</summary>
    private const int MaximumDetail = 300;

    public static XResult Classify(HttpStatusCode status, string? rateLimitReset, string body)
    {
        XAnswer? answer = Parse(body);
        string said = Said(answer, body);
        int code = (int)status;
        return code switch
        {
            >= 200 and < 300 => new XResult(XOutcome.Done, $"{code}", answer?.Data?.Username ?? answer?.Data?.Id),
            401 => new XResult(XOutcome.Unauthorized, $"401 Unauthorized: X does not accept the credentials or the signature{said}"),
            403 when body.Contains("duplicate content", StringComparison.OrdinalIgnoreCase) =>
                new XResult(XOutcome.Duplicate, "403: X already has a post with this text (a retry after a lost answer)"),
            404 => new XResult(XOutcome.NotFound, $"404 Not Found{said}"),
            429 => new XResult(XOutcome.RateLimited, $"429 Too Many Requests{said}", ResetAt: ParseReset(rateLimitReset)),
            >= 500 => new XResult(XOutcome.Transient, $"{code} {ReasonOf(status)}{said}"),
            _ => new XResult(XOutcome.Rejected, $"{code} {ReasonOf(status)}{said}"),
        };
    }

    /// <summary>A request that got no answer at all: it may be retried.</summary>
    public static XResult NoAnswer(string why) => new(XOutcome.Transient, why);

    private static XAnswer? Parse(string body)
    {
        try
        {
            return body.Length == 0 ? null : JsonSerializer.Deserialize(body, XJsonContext.Default.XAnswer);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // ": <X's detail>" from the problem document, or the start of a body that is not one.
    private static string Said(XAnswer? answer, string body)
    {
        string? words = answer?.Detail ?? answer?.Errors?.FirstOrDefault()?.Message ?? answer?.Title;
        if (words is null && answer is null && body.Length > 0)
        {
            words = body;
        }
        if (string.IsNullOrWhiteSpace(words))
        {
            return "";
        }
        words = words.ReplaceLineEndings(" ").Trim();
        return ": " + (words.Length > MaximumDetail ? words[..MaximumDetail] + "…" : words);
    }

    private static DateTimeOffset? ParseReset(string? header) =>
        long.TryParse(header, NumberStyles.None, CultureInfo.InvariantCulture, out long seconds) && seconds > 0 && seconds < 1L << 40
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    private static string ReasonOf(HttpStatusCode status) =>
        Enum.IsDefined(status) ? SplitWords(status.ToString()) : "";

    private static string SplitWords(string name) =>
        string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + c : c.ToString()));
}
