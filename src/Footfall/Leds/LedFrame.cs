namespace Footfall.Leds;

/// <summary>Every LED's level at one moment: the status LED (with the condition it shows) and one per person.</summary>
public sealed record LedFrame(StatusCondition Status, bool StatusOn, IReadOnlyList<PersonLed> People);

/// <summary>A person's LED: lit while they are in. <paramref name="Line"/> is null when they have none wired.</summary>
public readonly record struct PersonLed(string Name, int? Line, bool On);

/// <summary>Whatever shows the LEDs: GPIO lines and the Pi's own LEDs, or the terminal panel.</summary>
public interface ILedDriver : IDisposable
{
    void Show(LedFrame frame);
}
