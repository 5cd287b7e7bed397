using Footfall.Config;
using Footfall.Presence;
using Footfall.Text;

namespace Footfall.Leds.Strip;

/// <summary>
/// What each pixel of the strip shows for a frame of the LEDs: a person's pixel in their colour while
/// they are in, the status pixel in the status LED's pattern and a colour for its meaning, every other
/// pixel dark; all dimmed to the strip's brightness. Pure.
/// </summary>
public sealed class StripLayout
{
    // Distinct from each other and from the status pixel's green, amber and red.
    private static readonly Rgb[] s_palette =
    [
        new(0x00, 0xbf, 0xff), // deep sky blue
        new(0xff, 0x00, 0xff), // magenta
        new(0xff, 0xff, 0xff), // white
        new(0x40, 0xe0, 0xd0), // turquoise
        new(0x8a, 0x2b, 0xe2), // blue violet
        new(0xff, 0x69, 0xb4), // hot pink
        new(0x00, 0x00, 0xff), // blue
        new(0xff, 0xd7, 0x00), // gold
    ];

    private static readonly Rgb s_green = new(0x00, 0xff, 0x00);
    private static readonly Rgb s_amber = new(0xff, 0xbf, 0x00);
    private static readonly Rgb s_red = new(0xff, 0x00, 0x00);
    private static readonly Rgb s_blue = new(0x00, 0x60, 0xff);

    private readonly Dictionary<string, (int Pixel, Rgb Color)> _people;
    private readonly double _brightness;

    private StripLayout(int pixels, int? statusPixel, double brightness, Dictionary<string, (int Pixel, Rgb Color)> people)
    {
        Pixels = pixels;
        StatusPixel = statusPixel;
        _brightness = brightness;
        _people = people;
    }

    public int Pixels { get; }

    public int? StatusPixel { get; }

    /// <summary>Each person with a pixel, with their colour: given, or the palette's by their place in the configuration.</summary>
    public static StripLayout Create(StripSettings strip, IReadOnlyList<Person> people)
    {
        var placed = new Dictionary<string, (int, Rgb)>(StringComparer.Ordinal);
        for (int i = 0; i < people.Count; i++)
        {
            if (people[i].Pixel is { } pixel)
            {
                placed[people[i].Name] = (pixel, ColorOf(people[i], i));
            }
        }
        return new StripLayout(strip.Pixels, strip.StatusPixel, strip.Brightness, placed);
    }

    /// <summary>A person's colour: their own, or the palette's for their place in the configuration.</summary>
    public static Rgb ColorOf(Person person, int index) => person.Color ?? s_palette[index % s_palette.Length];

    /// <summary>
    /// The status pixel's colour while its pattern is on: green healthy, amber starting, blue while a USB stick's
    /// report is written or its update installed (someone is at the appliance with the stick), red for every code.
    /// </summary>
    public static Rgb StatusColor(StatusCondition condition) => condition switch
    {
        StatusCondition.Updating or StatusCondition.StickWriting or StatusCondition.StickDone => s_blue,
        StatusCondition.HealthySomeoneIn or StatusCondition.HealthyNobodyIn => s_green,
        StatusCondition.Booting => s_amber,
        _ => s_red,
    };

    /// <summary>Where person <paramref name="name"/>'s pixel is, or null if they have none.</summary>
    public int? PixelOf(string name) => _people.TryGetValue(name, out var place) ? place.Pixel : null;

    /// <summary>Every pixel's colour for <paramref name="frame"/>, into <paramref name="pixels"/> (of length <see cref="Pixels"/>).</summary>
    public void Paint(LedFrame frame, Span<Rgb> pixels)
    {
        pixels.Fill(Rgb.Off);
        foreach (PersonLed person in frame.People)
        {
            if (person.On && _people.TryGetValue(person.Name, out var place))
            {
                pixels[place.Pixel] = place.Color.Scale(_brightness);
            }
        }
        if (StatusPixel is { } status && frame.StatusOn)
        {
            pixels[status] = StatusColor(frame.Status).Scale(_brightness);
        }
    }
}
