using Footfall.Hardware;
using Footfall.PiHealth;
using Footfall.Tests.Support;

namespace Footfall.Tests.Hardware;

/// <summary>The sysfs reader against fake sysfs trees (see <see cref="FakeSysfs"/>).</summary>
public sealed class PiSensorsTests : IDisposable
{
    private readonly FakeSysfs _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void APiReportsItsTemperatureAndUnderVoltageAlarm()
    {
        Temperature("47236");
        Hwmon("hwmon0", "cpu_thermal");
        Hwmon("hwmon1", "rpi_volt", alarm: "1");
        Assert.Equal(new PiReading(new Temperature(47_236), true), Read());
        Alarm("hwmon1", "0");
        Assert.Equal(new PiReading(new Temperature(47_236), false), Read());
    }

    [Fact]
    public void TheRaspberryPiHwmonDriverIsReadWhereItPutsItsDevice()
    {
        // A Pi 3B on Debian's kernel with build-rpi-modules's module: the thermal zone's hwmon first, then
        // rpi_volt under the firmware node, as the rpi image test finds them on raspi3b.
        Hwmon("hwmon0", "cpu_thermal", parent: "virtual/thermal/thermal_zone0");
        Hwmon("hwmon1", "rpi_volt", alarm: "0", parent: FakeSysfs.RaspberryPiHwmonParent);
        Assert.False(Read().UnderVoltage);
        Alarm("hwmon1", "1");
        Assert.True(Read().UnderVoltage);
    }

    [Fact]
    public void TheVoltageSensorIsFoundByNameWhateverItsNumber()
    {
        Hwmon("hwmon0", "cpu_thermal", alarm: "1");
        Hwmon("hwmon1", "nvme");
        Hwmon("hwmon10", "rpi_volt", alarm: "1");
        Hwmon("hwmon2", "rpi_volt_not");
        Assert.True(Read().UnderVoltage);
        Alarm("hwmon10", "0");
        Assert.False(Read().UnderVoltage);
    }

    [Fact]
    public void AMachineWithoutTheSensorsReadsAsNothing()
    {
        Assert.True(Read().IsEmpty);
        Hwmon("hwmon0", "acpitz");
        Directory.CreateDirectory(_root.Combine("class", "thermal"));
        Assert.True(Read().IsEmpty);
    }

    [Theory]
    [InlineData("")]
    [InlineData("hot")]
    [InlineData("47.5")]
    [InlineData("999999999")]
    [InlineData("-273150")]
    [InlineData("4 7236")]
    public void ATemperatureThatIsNotOneReadsAsNull(string text)
    {
        Temperature(text);
        Assert.Null(Read().Temperature);
    }

    [Fact]
    public void ALongFileIsNotATemperature()
    {
        Temperature(new string('4', 5000));
        Assert.Null(Read().Temperature);
    }

    [Fact]
    public void ColdIsATemperatureToo()
    {
        Temperature("-5000");
        Assert.Equal(new Temperature(-5_000), Read().Temperature);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2")]
    [InlineData("yes")]
    [InlineData("01")]
    public void AnAlarmThatIsNeitherZeroNorOneReadsAsNull(string text)
    {
        Hwmon("hwmon0", "rpi_volt", alarm: text);
        Assert.Null(Read().UnderVoltage);
    }

    [Fact]
    public void TheVoltageSensorWithoutItsAlarmFileReadsAsNull()
    {
        Hwmon("hwmon0", "rpi_volt");
        Assert.Null(Read().UnderVoltage);
    }

    [Fact]
    public void ATemperatureFileThatDisappearsReadsAsNullUntilItComesBack()
    {
        var sensors = new PiSensors(_root.Root);
        Temperature("51000");
        Assert.Equal(new Temperature(51_000), sensors.Read().Temperature);
        File.Delete(TemperaturePath);
        Assert.Null(sensors.Read().Temperature);
        Directory.Delete(Path.GetDirectoryName(TemperaturePath)!);
        Assert.Null(sensors.Read().Temperature);
        Temperature("52000");
        Assert.Equal(new Temperature(52_000), sensors.Read().Temperature);
    }

    [Fact]
    public void ADirectoryWhereTheTemperatureFileBelongsReadsAsNull()
    {
        Directory.CreateDirectory(TemperaturePath);
        Assert.Null(Read().Temperature);
    }

    [Fact]
    public void AVoltageSensorThatComesBackUnderAnotherNumberIsFoundAgain()
    {
        var sensors = new PiSensors(_root.Root);
        Hwmon("hwmon1", "rpi_volt", alarm: "1");
        Assert.True(sensors.Read().UnderVoltage);
        // The driver reloaded: its old entry went, a new one came with the next free number.
        File.Delete(_root.Combine("class", "hwmon", "hwmon1"));
        Assert.Null(sensors.Read().UnderVoltage);
        Hwmon("hwmon3", "rpi_volt", alarm: "0");
        Assert.False(sensors.Read().UnderVoltage);
    }

    private string TemperaturePath => _root.TemperaturePath;

    private PiReading Read() => new PiSensors(_root.Root).Read();

    private void Temperature(string text) => _root.Temperature(text);

    private void Hwmon(string entry, string name, string? alarm = null, string? parent = null) => _root.Hwmon(entry, name, alarm, parent);

    private void Alarm(string entry, string value) => _root.Alarm(entry, value);
}
