namespace Footfall.Config;

internal sealed partial class ConfigValidator
{
    private StatusSettings Status(StatusSection status)
    {
        var settings = new StatusSettings
        {
            Enabled = status.Enabled ?? true,
            ShowDevices = status.ShowDevices ?? false,
        };
        if (status.Listen is { } listen)
        {
            if (StatusSettings.TryParseListen(listen, out System.Net.IPEndPoint? endPoint))
            {
                settings = settings with { Listen = endPoint };
            }
            else
            {
                Report("status.listen", $"{ConfigText.Quote(listen)} is not an address and port such as \"0.0.0.0:80\", \"127.0.0.1:8080\" or \"[::]:80\"");
            }
        }
        return settings;
    }
}
