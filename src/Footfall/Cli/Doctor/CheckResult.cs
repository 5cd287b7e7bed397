namespace Footfall.Cli.Doctor;

/// <summary>How one check of `footfall doctor` came out.</summary>
public enum Verdict
{
    Ok,
    Problem,
    Skipped,
}

/// <summary>
/// One check's outcome: what was checked (<paramref name="Subject"/>, "interface eth0"), what was found and,
/// for a problem, what to do, in <paramref name="Text"/>. Never a secret: the checks word it themselves.
/// </summary>
public sealed record CheckResult(Verdict Verdict, string Subject, string Text)
{
    public static CheckResult Ok(string subject, string text) => new(Verdict.Ok, subject, text);

    public static CheckResult Problem(string subject, string text) => new(Verdict.Problem, subject, text);

    public static CheckResult Skipped(string subject, string why) => new(Verdict.Skipped, subject, why);
}
