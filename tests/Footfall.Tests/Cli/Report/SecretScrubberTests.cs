using System.Text;
using Footfall.Cli.Report;

namespace Footfall.Tests.Cli.Report;

public sealed class SecretScrubberTests
{
    private static string Scrub(SecretScrubber scrubber, string text, out int masked) =>
        Encoding.UTF8.GetString(scrubber.Scrub(Encoding.UTF8.GetBytes(text), out masked));

    [Fact]
    public void EachOccurrenceIsMaskedAndCounted()
    {
        var scrubber = new SecretScrubber(["s3cr3t"]);
        Assert.Equal("a ******** b ********", Scrub(scrubber, "a s3cr3t b s3cr3t", out int masked));
        Assert.Equal(2, masked);
        Assert.Equal("nothing here", Scrub(scrubber, "nothing here", out masked));
        Assert.Equal(0, masked);
    }

    [Fact]
    public void ASecretAsJsonOrAnAddressWritesItIsMaskedToo()
    {
        const string secret = "qu\"o\\te pässwörd/🔑";
        var scrubber = new SecretScrubber([secret]);
        foreach (string form in SecretScrubber.Forms(secret))
        {
            Assert.DoesNotContain(form, Scrub(scrubber, $"[{form}]", out _), StringComparison.Ordinal);
        }
        Assert.Equal(4, SecretScrubber.Forms(secret).Distinct().Count());
    }

    [Fact]
    public void ALongerSecretThatHoldsAShorterIsMaskedWhole()
    {
        var scrubber = new SecretScrubber(["abc", "xabcx"]);
        Assert.Equal("1 ******** 2 ********", Scrub(scrubber, "1 xabcx 2 abc", out int masked));
        Assert.Equal(2, masked);
    }

    [Fact]
    public void ASecretInsideOrdinaryWordsIsMaskedThereToo()
    {
        var scrubber = new SecretScrubber(["tat"]);
        string text = Scrub(scrubber, "status: state of the tattoo", out int masked);
        Assert.Equal("s********us: s********e of the ********too", text);
        Assert.Equal(3, masked);
    }

    [Fact]
    public void ASecretThatIsPartOfTheMaskGetsAnotherMask()
    {
        var scrubber = new SecretScrubber(["**"]);
        Assert.Equal("[masked]", Encoding.UTF8.GetString(scrubber.Mask));
        string text = Scrub(scrubber, "a ** b", out _);
        Assert.False(scrubber.Holds(Encoding.UTF8.GetBytes(text)));
        Assert.Empty(new SecretScrubber(["*", "[", "s"]).Mask);
    }

    [Fact]
    public void EmptySecretsAreNoSecrets()
    {
        Assert.True(new SecretScrubber(["", ""]).IsEmpty);
        Assert.False(new SecretScrubber(["x"]).IsEmpty);
    }

    [Fact]
    public void BytesThatAreNotTextPassThrough()
    {
        var scrubber = new SecretScrubber(["key"]);
        byte[] binary = [0xff, 0x00, (byte)'k', (byte)'e', (byte)'y', 0xfe];
        byte[] scrubbed = scrubber.Scrub(binary, out int masked);
        Assert.Equal(1, masked);
        Assert.Equal([0xff, 0x00, .. "********"u8.ToArray(), 0xfe], scrubbed);
    }
}
