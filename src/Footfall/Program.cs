using System.CommandLine;
using Footfall.Cli;
using Footfall.Interop.Linux;
using Footfall.Runtime;

namespace Footfall;

public static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("footfall: an office presence appliance. It notices whose phones and laptops are on the LAN, lights an LED per person who is in, and announces arrivals.");
        root.Subcommands.Add(SweepCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(CheckConfigCommand.Create());
        root.Subcommands.Add(WhoCommand.Create());
        root.Subcommands.Add(LogCommand.Create());
        root.Subcommands.Add(DevicesCommand.Create());
        root.Subcommands.Add(FeedCommand.Create());
        root.Subcommands.Add(XCommand.Create());
        root.Subcommands.Add(LedsCommand.Create());
        root.Subcommands.Add(ReplayCommand.Create());
        root.Subcommands.Add(Cli.Doctor.DoctorCommand.Create());
        root.Subcommands.Add(Cli.Report.ReportCommand.Create());
        foreach (Option option in root.Options)
        {
            if (option is VersionOption version)
            {
                version.Action = new PrintVersionAction();
            }
        }

        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                Console.Error.WriteLine($"footfall: {error.Message}");
            }
            Console.Error.WriteLine($"See '{string.Join(' ', CommandPath(parse.CommandResult.Command, root))} --help'.");
            return ExitCodes.BadUsage;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"footfall: {e.Message}");
            return ExitCodes.BadUsage;
        }
        catch (LinuxException e)
        {
            Console.Error.WriteLine($"footfall: {e.Message}");
            return ExitCodes.RuntimeFailure;
        }
        catch (Exception e) when (NativeLibraries.Explain(e, OsRelease.Codename()) is { } missing)
        {
            // One place for every command: a missing libpcap, libgpiod or e_sqlite3 is one line and exit 1,
            // never a stack trace and an abort, however deep the first call into it was.
            Console.Error.WriteLine($"footfall: {missing}");
            return ExitCodes.RuntimeFailure;
        }
    }

    private static IEnumerable<string> CommandPath(Command command, RootCommand root) =>
        command == root ? ["footfall"] : ["footfall", command.Name];

    private sealed class PrintVersionAction : System.CommandLine.Invocation.SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            Console.Out.WriteLine(BuildInfo.Line);
            return ExitCodes.Success;
        }
    }
}
