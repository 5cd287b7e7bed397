using System.Text.Json.Nodes;

namespace Footfall.Tests.Support;

/// <summary>twitter-text, X's own weighted-length counter, run with node from tests/twitter-text, installed there on first use.</summary>
public static class TwitterText
{
    private static readonly Lazy<string> s_installed = new(() => Node.Installed("twitter-text", "twitter-text"));

    /// <summary>parseTweet(text).weightedLength for each text, in order.</summary>
    public static int[] WeightedLengths(IReadOnlyList<string> texts)
    {
        var input = new JsonArray(texts.Select(text => (JsonNode?)JsonValue.Create(text)).ToArray());
        (int exitCode, string stdout, string stderr) = Node.Run(s_installed.Value, input.ToJsonString(), "node", "length.mjs");
        Assert.True(exitCode == 0, $"node length.mjs failed ({exitCode}): {stderr}");
        return JsonNode.Parse(stdout)!.AsArray().Select(length => length!.GetValue<int>()).ToArray();
    }
}
