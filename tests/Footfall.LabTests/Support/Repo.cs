namespace Footfall.LabTests.Support;

/// <summary>Paths in the repository the tests run from.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Footfall
    {
        get
        {
            string path = Path.Combine(Root, "artifacts", "publish", "linux-x64", "footfall");
            if (!File.Exists(path))
            {
                Assert.Fail($"{path} is missing: run scripts/publish first (scripts/test does).");
            }
            return path;
        }
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
