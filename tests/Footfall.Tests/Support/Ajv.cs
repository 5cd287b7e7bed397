using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Footfall.Tests.Support;

/// <summary>
/// ajv, a JSON Schema validator independent of footfall's own, run with node from tests/schema
/// (its own package.json and lock). The first use installs it there with 'npm ci' if it is missing;
/// nothing is installed globally.
/// </summary>
public static class Ajv
{
    private static readonly Lazy<string> s_installed = new(Install);

    /// <summary>Validates each document (plain JSON) against the schema: name -> the schema's complaints, empty when it accepts it.</summary>
    public static Dictionary<string, string[]> Validate(string schemaPath, IReadOnlyDictionary<string, JsonNode?> documents)
    {
        string folder = s_installed.Value;
        var input = new JsonObject();
        foreach ((string name, JsonNode? document) in documents)
        {
            input[name] = document?.DeepClone();
        }
        (int exitCode, string stdout, string stderr) = Run(folder, input.ToJsonString(), "node", "validate.mjs", schemaPath);
        Assert.True(exitCode == 0, $"node validate.mjs failed ({exitCode}): {stderr}");
        return JsonNode.Parse(stdout)!.AsObject().ToDictionary(
            verdict => verdict.Key,
            verdict => verdict.Value!.AsArray().Select(complaint => complaint!.GetValue<string>()).ToArray());
    }

    private static string Install()
    {
        string folder = RepoFiles.Path("tests", "schema");
        if (File.Exists(Path.Combine(folder, "node_modules", "ajv", "package.json")))
        {
            return folder;
        }
        (int exitCode, _, string stderr) = Run(folder, "", "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error");
        Assert.True(exitCode == 0, $"'npm ci' in {folder} failed ({exitCode}): {stderr}");
        return folder;
    }

    private static (int ExitCode, string Stdout, string Stderr) Run(string folder, string stdin, string file, params string[] arguments)
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
            Assert.Fail($"The schema tests need Node.js and npm ('{file}' could not be started: {e.Message}); on Debian: apt-get install nodejs npm");
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
