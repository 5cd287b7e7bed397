namespace Footfall.LabTests.Support;

/// <summary>Paths in the repository the tests run from.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    /// <summary>The published binary for this machine (linux-x64).</summary>
    public static string Footfall => Published("linux-x64");

    /// <summary>The Pi's binary, which runs here through qemu-user (binfmt_misc).</summary>
    public static string FootfallArm64 => Published("linux-arm64");

    private static string Published(string rid)
    {
        string path = Path.Combine(Root, "artifacts", "publish", rid, "footfall");
        if (!File.Exists(path))
        {
            Assert.Fail($"{path} is missing: run scripts/publish --rid {rid} first (scripts/test does).");
        }
        return path;
    }

    public static string LabScript => Path.Combine(Root, "scripts", "lab");

    public static void RequireRoot()
    {
        if (Environment.UserName != "root")
        {
            Assert.Fail("The lab tests build network namespaces and need root: run them through scripts/test as root.");
        }
    }

    private static string FindRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Appliance.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Cannot find the repository root (Appliance.sln) above " + AppContext.BaseDirectory);
    }
}
