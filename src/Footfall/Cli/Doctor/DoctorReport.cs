namespace Footfall.Cli.Doctor;

/// <summary>The pure half of `footfall doctor`: one line per check, and the exit code over them all.</summary>
public static class DoctorReport
{
    /// <summary>"ok      interface eth0: carrier up", "PROBLEM watchdog: ...", "skip    strip: ...".</summary>
    public static string Line(CheckResult result)
    {
        string mark = result.Verdict switch
        {
            Verdict.Ok => "ok",
            Verdict.Problem => "PROBLEM",
            _ => "skip",
        };
        // One line each, whatever a library's message held.
        string text = result.Text.ReplaceLineEndings(" ").Trim();
        return $"{mark,-8}{result.Subject}: {text}";
    }

    /// <summary>0 only when nothing is a problem (a check skipped because the config does not use it is fine), else 1.</summary>
    public static int ExitCode(IEnumerable<CheckResult> results) =>
        results.Any(r => r.Verdict == Verdict.Problem) ? Runtime.ExitCodes.RuntimeFailure : Runtime.ExitCodes.Success;

    /// <summary>The closing line: how many problems, or that all is well.</summary>
    public static string Summary(IReadOnlyCollection<CheckResult> results)
    {
        int problems = results.Count(r => r.Verdict == Verdict.Problem);
        return problems switch
        {
            0 => "All is well.",
            1 => "1 problem.",
            _ => $"{problems} problems.",
        };
    }

    /// <summary>
    /// <paramref name="text"/> with <paramref name="secret"/> masked wherever it appears: a library's message
    /// about a failed connection is not ours to trust with a password.
    /// </summary>
    public static string Scrub(string text, Config.Secret? secret) =>
        secret is { Length: > 0 } s ? text.Replace(s.Reveal(), Config.Secret.Mask, StringComparison.Ordinal) : text;

    /// <summary>What /sys/class/net/IF/carrier says, as a check: "1" up, "0" no link; unreadable means the interface is down.</summary>
    public static CheckResult Carrier(string name, string? carrier) => carrier?.Trim() switch
    {
        "1" => CheckResult.Ok($"interface {name}", "carrier up"),
        "0" => CheckResult.Problem($"interface {name}", "no carrier: plug in the cable (or check the switch port)"),
        _ => CheckResult.Problem($"interface {name}", $"down: bring it up (ip link set {name} up) or check the cable"),
    };
}
