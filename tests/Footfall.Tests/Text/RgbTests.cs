using Footfall.Text;

namespace Footfall.Tests.Leds;

public class RgbTests
{
    [Theory]
    [InlineData("#ffaa00", 0xff, 0xaa, 0x00)]
    [InlineData("#FFAA00", 0xff, 0xaa, 0x00)]
    [InlineData("#fa0", 0xff, 0xaa, 0x00)]
    [InlineData(" orange ", 0xff, 0xa5, 0x00)]
    [InlineData("RoyalBlue", 0x41, 0x69, 0xe1)]
    [InlineData("royalblue", 0x41, 0x69, 0xe1)]
    [InlineData("black", 0, 0, 0)]
    public void ParsesHexAndNames(string text, byte r, byte g, byte b)
    {
        Assert.True(Rgb.TryParse(text, out Rgb color));
        Assert.Equal(new Rgb(r, g, b), color);
    }

    [Theory]
    [InlineData("sunset")]            // not a colour: FromName would make it transparent black
    [InlineData("Transparent")]       // a known colour, but nothing a pixel can show
    [InlineData("ActiveCaption")]     // a desktop theme's colour, not one
    [InlineData("#ffaa0")]
    [InlineData("#ggg")]
    [InlineData("#")]
    [InlineData("")]
    [InlineData("ffaa00")]
    public void RefusesWhatIsNotAColour(string text) => Assert.False(Rgb.TryParse(text, out _));

    [Fact]
    public void ScalesEachChannelAndPrintsAsHex()
    {
        Assert.Equal(new Rgb(77, 51, 0), new Rgb(255, 170, 0).Scale(0.3));
        Assert.Equal(Rgb.Off, new Rgb(255, 255, 255).Scale(0));
        Assert.Equal("#4d3300", new Rgb(255, 170, 0).Scale(0.3).ToString());
    }
}
