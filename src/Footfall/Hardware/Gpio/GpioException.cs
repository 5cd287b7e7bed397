namespace Footfall.Hardware.Gpio;

/// <summary>
/// A GPIO chip or line that could not be had or driven: the operation, the chip and the line, and the
/// reason libgpiod or the kernel gave ("Could not request line 17 of gpiochip0 (pinctrl-bcm2835):
/// Device or resource busy").
/// </summary>
public sealed class GpioException(string message, Exception? inner = null) : Exception(message, inner);
