using System.Diagnostics;

namespace Footfall.Tests.Support;

/// <summary>
/// Runs Node.js scripts from a folder under tests/ that has its own package.json and lock. The first
/// use installs the packages there with 'npm ci' if they are missing; nothing is installed globally.
/// </summary>
public static class Node
{
    /// <summary>The folder tests/<paramref name="name"/>, with its packages installed (<paramref name="package"/> is the one checked for).</summary>
    public static string Installed(string name, string package)
    {
        string folder = RepoFiles.Path("tests", name);
        if (File.Exists(Path.Combine(folder, "node_modules", package, "package.json")))
        {
            return folder;
        }
        (int exitCode, _, string stderr) = Run(folder, "", "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error");
        Assert.True(exitCode == 0, $"'npm ci' in {folder} failed ({exitCode}): {stderr}");
        return folder;
    }

    public static (int ExitCode, string Stdout, string Stderr) Run(string folder, string stdin, string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"These tests need Node.js and npm ('{file}' could not be started: {e.Message}); on Debian: apt-get install nodejs npm");
            throw;
        }
        using (process)
        {
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
            if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"{file} {string.Join(' ', arguments)} did not finish in 3 minutes");
            }
            return (process.ExitCode, stdout.Result, stderr.Result);
        }
    }
}
