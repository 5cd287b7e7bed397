using Footfall.Config;

namespace Footfall.Tests.Config;

/// <summary>Every file of the table gets exactly the verdict and the messages written beside it.</summary>
public class ConfigFileTableTests
{
    public static TheoryData<string> Files() => new(ConfigFiles.All());

    [Theory]
    [MemberData(nameof(Files))]
    public void FileGetsExactlyTheExpectedMessages(string name)
    {
        ConfigLoadResult result = ConfigLoader.Load(ConfigFiles.PathOf(name));
        string errorsFile = ConfigFiles.ErrorsFileOf(name);
        if (ConfigFiles.VerdictOf(name) == ConfigFiles.Valid)
        {
            Assert.Empty(result.Errors.Select(e => e.ToString()));
            Assert.True(result.IsValid);
            Assert.False(File.Exists(errorsFile), $"{name} is in valid/ but has an .errors file");
            return;
        }
        Assert.True(File.Exists(errorsFile), $"{name} needs {Path.GetFileName(errorsFile)} with the messages expected, one per line");
        string[] expected = File.ReadAllLines(errorsFile).Where(line => line.Length > 0).ToArray();
        Assert.Equal(expected, result.Errors.Select(e => e.ToString()).ToArray());
        Assert.False(result.IsValid);
        Assert.Null(result.Settings);
    }

    [Fact]
    public void EveryVerdictHasFiles()
    {
        foreach (string verdict in new[] { ConfigFiles.Valid, ConfigFiles.Invalid, ConfigFiles.Semantic })
        {
            Assert.Contains(ConfigFiles.All(), name => ConfigFiles.VerdictOf(name) == verdict);
        }
    }

    [Fact]
    public void EveryErrorsFileHasItsConfiguration()
    {
        foreach (string errors in Directory.GetFiles(ConfigFiles.Folder, "*.errors", SearchOption.AllDirectories))
        {
            Assert.True(File.Exists(Path.ChangeExtension(errors, ".json")), $"{errors} has no configuration file beside it");
        }
    }
}
