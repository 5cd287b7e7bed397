using System.CommandLine;
using Footfall.Announce;
using Footfall.Announce.X;
using Footfall.Config;
using Footfall.Runtime;

namespace Footfall.Cli;

/// <summary>`footfall x verify --config FILE`: ask X who the configured credentials belong to.</summary>
public static class XCommand
{
    public static Command Create()
    {
        var configOption = new Option<string>("--config", "-c")
        {
            Description = "The configuration file with an announce.x section.",
            Required = true,
            HelpName = "FILE",
        };
        var verify = new Command("verify", "Check announce.x's credentials: signs GET /2/users/me and prints the account's handle (exit 0), or exactly why X or the network said no (exit 1). Bad config: exit 2. The keys are never printed.")
        {
            configOption,
        };
        verify.SetAction((parse, cancellation) => VerifyAsync(parse.GetValue(configOption)!, Console.Out, Console.Error, cancellation));
        return new Command("x", "Commands for the X (Twitter) account footfall announces on.") { verify };
    }

    internal static async Task<int> VerifyAsync(string path, TextWriter stdout, TextWriter stderr, CancellationToken cancellation)
    {
        ConfigLoadResult loaded = ConfigLoader.Load(path);
        if (loaded.Settings is not { } settings)
        {
            foreach (ConfigError error in loaded.Errors)
            {
                stderr.WriteLine(error.ToString());
            }
            return ExitCodes.BadUsage;
        }
        if (settings.Announce?.X is not { } x)
        {
            stderr.WriteLine($"{path}: there is no announce.x section, so there is nothing to verify.");
            return ExitCodes.BadUsage;
        }
        var clock = new ClockGate(x.ClockSyncMarker);
        if (!clock.IsSynchronised)
        {
            stderr.WriteLine($"warning: {clock.Waiting}. Trying anyway: X rejects signatures from a clock that is minutes off.");
        }
        using var client = new XClient(x, TimeProvider.System);
        XResult result = await client.MeAsync(cancellation).ConfigureAwait(false);
        // Scheme, host and port only: a URL may carry user:password, which is never printed.
        string where = x.ApiBaseUrl.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped);
        if (result.Outcome == XOutcome.Done && result.Id is { } handle)
        {
            stdout.WriteLine($"X accepts the credentials: they belong to @{handle} ({where}).");
            return ExitCodes.Success;
        }
        string advice = result.Outcome switch
        {
            XOutcome.Unauthorized => " Check announce.x's consumerKey, consumerSecret, accessToken and accessTokenSecret (the app's keys and the account's access token, with read and write permission), and that this machine's clock is right.",
            XOutcome.RateLimited => $" Try again after {result.ResetAt?.ToLocalTime():HH:mm:ss}.",
            XOutcome.Transient => " Check the network connection and announce.x.apiBaseUrl.",
            _ => "",
        };
        stderr.WriteLine($"X did not accept the credentials ({where}): {result.Detail}.{advice}");
        return ExitCodes.RuntimeFailure;
    }
}
