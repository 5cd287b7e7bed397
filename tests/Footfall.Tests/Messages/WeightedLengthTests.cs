using Footfall.Messages;
using Footfall.Tests.Support;

namespace Footfall.Tests.Announce.Messages;

/// <summary>WeightedLength agrees with twitter-text, X's own counter, on a table of awkward texts.</summary>
public class WeightedLengthTests
{
    public static readonly string[] Table =
    [
        "", "a", "Alice is in.", "Good morning, Alice!", new string('x', 280), new string('x', 281),
        "Zoë", "Ångström", "café crème", "Łódź", "naïve façade", "ß and ÿ", "Ω≈ç√∫", "Ελληνικά", "Русский",
        "e\u0301", "q\u0301", "a\u0308\u0301", "Zoe\u0308 van der Berg", "n\u0303o",
        "日本語", "こんにちは", "안녕하세요", "中文字符测试", "Alice 和 Bob 来了", "ｆｕｌｌｗｉｄｔｈ", "ﾊﾝｶｸ",
        "👍", "👍🏽", "👍🏿 and 👋🏻", "🇳🇱", "🇳🇱🇩🇪🇬🇧", "🏴󠁧󠁢󠁳󠁣󠁴󠁿",
        "❤", "❤️", "☺", "☕ time", "⭐⭐⭐", "1️⃣", "#️⃣", "1⃣", "©", "©️", "®", "™", "🫠", "🎉 Alice is in! 🎉",
        "\u2014 dash \u2013", "“quotes” ‘single’", "… ellipsis", "a\u200db", "\u00a0nbsp",
        "https://example.com", "see https://example.com/a/very/long/path/that/goes/on?and=on#and-on.",
        "example.com", "Visit example.nl/path today", "www.example.com", "http://localhost/x", "a@example.com",
        "(https://example.com/a_(b))", "https://sub.example.co.uk/x, then more", "Alice — https://x.com/alice 🎉 日本",
        "@alice and #hashtag", "Mixed 日本 👍🏽 café https://example.com/ok!",
    ];

    // Counted as their parts (X does so for sequences not on its list): never less than X, often more.
    public static readonly string[] JoinedEmoji = ["👨‍👩‍👧", "👩‍💻", "🧑🏽‍🚀", "👩‍❤️‍👨", "🏳️‍🌈", "Alice 👩‍💻 is in", "👨‍🦖"];

    [Fact]
    public void AgreesWithTwitterText()
    {
        int[] expected = TwitterText.WeightedLengths(Table);
        var disagreements = new List<string>();
        for (int i = 0; i < Table.Length; i++)
        {
            int ours = WeightedLength.Of(Table[i]);
            if (ours != expected[i])
            {
                disagreements.Add($"\"{Table[i]}\": twitter-text {expected[i]}, ours {ours}");
            }
        }
        Assert.True(Table.Length >= 50);
        Assert.True(disagreements.Count == 0, string.Join('\n', disagreements));
    }

    [Theory]
    [InlineData("Alice", 5)]
    [InlineData("日本", 4)]
    [InlineData("👨‍👩‍👧", 8)]
    [InlineData("🇳🇱", 2)]
    [InlineData("https://example.com/a/very/long/path", 23)]
    [InlineData("e\u0301", 1)]
    public void WeighsWithoutNode(string text, int expected) => Assert.Equal(expected, WeightedLength.Of(text));

    [Fact]
    public void CountsJoinedEmojiNeverLessThanX()
    {
        int[] expected = TwitterText.WeightedLengths(JoinedEmoji);
        for (int i = 0; i < JoinedEmoji.Length; i++)
        {
            Assert.True(WeightedLength.Of(JoinedEmoji[i]) >= expected[i], $"\"{JoinedEmoji[i]}\": twitter-text {expected[i]}, ours {WeightedLength.Of(JoinedEmoji[i])}");
        }
    }

    [Theory]
    [InlineData("Mr.Smith")]
    [InlineData("https://a-very-long-host-name-nobody-knows.unknownending/path")]
    public void CountsMoreNeverLessWhenUnsureOfALink(string text)
    {
        int ours = WeightedLength.Of(text);
        Assert.True(ours >= TwitterText.WeightedLengths([text])[0]);
        Assert.True(ours >= 23);
    }
}
