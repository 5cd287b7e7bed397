using Footfall.Hardware.Gpio;
using Footfall.Tests.Support;

namespace Footfall.Tests.Hardware;

public class GpioOutputsTests
{
    private readonly FakeGpioChip _chip = new();

    [Fact]
    public void AllLinesAreRequestedTogether()
    {
        using GpioOutputs outputs = GpioOutputs.Request(_chip, [17, 27, 22], activeLow: true);
        (int[] lines, bool activeLow) = Assert.Single(_chip.Requests);
        Assert.Equal([17, 27, 22], lines);
        Assert.True(activeLow);
        Assert.Empty(outputs.Failures);
    }

    [Fact]
    public void LevelsReachTheRightLines()
    {
        using GpioOutputs outputs = GpioOutputs.Request(_chip, [17, 27, 22], activeLow: false);
        outputs.Set([(27, true), (22, false), (99, true)]);
        Assert.Equal(new Dictionary<int, bool> { [17] = false, [27] = true, [22] = false }, _chip.Levels);
        outputs.Set([(17, true), (27, false)]);
        Assert.Equal(new Dictionary<int, bool> { [17] = true, [27] = false, [22] = false }, _chip.Levels);
    }

    [Fact]
    public void ABusyLineDarkensOnlyItselfAndIsNamedWithChipAndErrno()
    {
        _chip.Busy.Add(27);
        using GpioOutputs outputs = GpioOutputs.Request(_chip, [17, 27, 22], activeLow: false);
        Assert.Equal([17, 22], outputs.Lines.Order());
        var failure = Assert.Single(outputs.Failures);
        Assert.Equal("Could not request line 27 of gpiochip0 (pinctrl-bcm2711) as an output: Device or resource busy", failure.Message);
        outputs.Set([(17, true), (27, true), (22, true)]);
        Assert.Equal(new Dictionary<int, bool> { [17] = true, [22] = true }, _chip.Levels);
    }

    [Fact]
    public void DisposeReleasesEveryRequest()
    {
        _chip.Busy.Add(27);
        GpioOutputs outputs = GpioOutputs.Request(_chip, [17, 27, 22], activeLow: false);
        outputs.Dispose();
        Assert.Equal(2, _chip.Released);
        Assert.Empty(_chip.Levels);
    }
}
