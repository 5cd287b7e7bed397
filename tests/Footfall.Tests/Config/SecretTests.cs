using Footfall.Cli;
using Footfall.Config;
using Footfall.Runtime;

namespace Footfall.Tests.Config;

/// <summary>The X keys never appear in any output: errors, summaries, ToString(), whatever is wrong with the file.</summary>
public class SecretTests
{
    [Fact]
    public void ASecretPrintsAsAMask()
    {
        var secret = new Secret("Qx7ZkW9pLm2VbN4c");
        Assert.Equal("********", secret.ToString());
        Assert.Equal("********", $"{secret}");
        Assert.Equal(16, secret.Length);
        Assert.Equal("Qx7ZkW9pLm2VbN4c", secret.Reveal());
    }

    [Fact]
    public void SettingsPrintWithoutSecrets()
    {
        FootfallSettings settings = ConfigLoader.Parse(TestSecrets.Config()).Settings!;
        Assert.Equal(TestSecrets.Values[0], settings.Announce!.X!.ConsumerKey.Reveal());
        TestSecrets.AssertNoSecretIn(settings.ToString());
        TestSecrets.AssertNoSecretIn(settings.Announce.ToString());
        TestSecrets.AssertNoSecretIn(settings.Announce.X.ToString());
    }

    [Fact]
    public void TheSummaryMasksEveryKey()
    {
        FootfallSettings settings = ConfigLoader.Parse(TestSecrets.Config()).Settings!;
        string summary = string.Join('\n', SettingsSummary.Lines(settings));
        TestSecrets.AssertNoSecretIn(summary);
        Assert.Contains("  consumerKey:       ******** (16 characters)", summary);
        Assert.Contains("  accessTokenSecret: ******** (23 characters)", summary);
    }

    [Theory]
    [InlineData("\"Qx7ZkW9pLm2VbN4c")] // unclosed
    [InlineData("\"Qx7ZkW9p\tLm2VbN4c\"")] // raw tab
    [InlineData("\"Qx7ZkW9p\\qLm2VbN4c\"")] // bad escape
    [InlineData("Qx7ZkW9pLm2VbN4c")] // unquoted
    [InlineData("tQx7ZkW9pLm2VbN4c")] // the parser quotes a bad literal's text
    [InlineData("\"Qx7ZkW9pLm2VbN4c\" \"Qx7ZkW9pLm2VbN4c\"")]
    [InlineData("'Qx7ZkW9pLm2VbN4c'")]
    public void ASyntaxErrorInASecretDoesNotShowIt(string consumerKey)
    {
        ConfigLoadResult result = ConfigLoader.Parse(TestSecrets.Config(consumerKey));
        string error = Assert.Single(result.Errors).ToString();
        Assert.StartsWith("(root): not valid JSON at line 4, column ", error);
        TestSecrets.AssertNoSecretIn(error);
    }

    [Theory]
    [InlineData("[\"Qx7ZkW9pLm2VbN4c\"]", "announce.x.consumerKey: must be a string, not an array")]
    [InlineData("{ \"Qx7ZkW9pLm2VbN4c\": 1 }", "announce.x.consumerKey: must be a string, not an object")]
    [InlineData("\"Qx7ZkW9pLm2VbN4c \"", "announce.x.consumerKey: has spaces, line breaks or invisible characters in it: was it pasted with them?")]
    [InlineData("\"Qx7ZkW9pLm2VbN4c\\u0000\"", "announce.x.consumerKey: has spaces, line breaks or invisible characters in it: was it pasted with them?")]
    public void AWrongSecretIsNamedByPathOnly(string consumerKey, string expected)
    {
        ConfigLoadResult result = ConfigLoader.Parse(TestSecrets.Config(consumerKey));
        Assert.Equal([expected], result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void ASecretUnderAMisspelledKeyIsNotEchoed()
    {
        ConfigLoadResult result = ConfigLoader.Parse(TestSecrets.Config(extra: ", \"accesTokenSecret\": \"Ey6Rt1Yu4Io7Pa0Sd3Fg9Hj\""));
        Assert.Equal(["announce.x.accesTokenSecret: unknown key (did you mean \"accessTokenSecret\"?)"], result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void CheckConfigShowsNoSecretEitherWay()
    {
        string file = Path.GetTempFileName();
        try
        {
            foreach ((string config, int exitCode) in new[] { (TestSecrets.Config(), ExitCodes.Success), (TestSecrets.Config("\"Qx7ZkW9pLm2VbN4c\\n\""), ExitCodes.BadUsage), (TestSecrets.Config("Qx7ZkW9pLm2VbN4c"), ExitCodes.BadUsage) })
            {
                File.WriteAllText(file, config);
                var stdout = new StringWriter();
                var stderr = new StringWriter();
                Assert.Equal(exitCode, CheckConfigCommand.Run(file, stdout, stderr));
                TestSecrets.AssertNoSecretIn(stdout.ToString());
                TestSecrets.AssertNoSecretIn(stderr.ToString());
                Assert.NotEqual("", exitCode == 0 ? stdout.ToString() : stderr.ToString());
            }
        }
        finally
        {
            File.Delete(file);
        }
    }
}
