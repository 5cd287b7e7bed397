using Footfall.Cli;
using Footfall.Runtime;

namespace Footfall.Tests.Bus;

/// <summary>The MQTT and Redis passwords appear in no output of check-config, valid or not, and in no settings' text.</summary>
public class BusSecretTests
{
    private const string MqttPassword = "Mq9Tt4Ss7Ww2Kk";
    private const string RedisPassword = "Rd5Ee8Dd1Ii6Uu";

    private const string Valid = $$"""{ "mqtt": { "broker": "mqtt://broker.lan", "username": "ff", "password": "{{MqttPassword}}" }, "zenircbot": { "redis": "redis://:{{RedisPassword}}@redis.lan/0", "channel": "#office" } }""";

    public static TheoryData<string, int> Configs() => new()
    {
        { Valid, ExitCodes.Success },
        { $$"""{ "mqtt": { "broker": "mqtt://ff:{{MqttPassword}}@broker.lan" }, "zenircbot": { "redis": "redis://bot:{{RedisPassword}}@redis.lan/0", "channel": "#office" } }""", ExitCodes.Success },
        { $$"""{ "mqtt": { "broker": "mqtt://ff:{{MqttPassword}}@broker.lan/x" }, "zenircbot": { "redis": "redis://bot:{{RedisPassword}}@redis.lan/77", "channel": "#office" } }""", ExitCodes.BadUsage },
        { $$"""{ "mqtt": { "broker": "http://ff:{{MqttPassword}}@broker.lan", "password": "{{MqttPassword}}\n" }, "zenircbot": { "redis": "http://:{{RedisPassword}}@redis.lan", "channel": "#office" } }""", ExitCodes.BadUsage },
        { $$"""{ "mqtt": { "broker": "mqtt://ff:{{MqttPassword}}@broker.lan", "pasword": "{{MqttPassword}}" } }""", ExitCodes.BadUsage },
        { $$"""{ "mqtt": { "broker": 7, "password": ["{{MqttPassword}}"] } }""", ExitCodes.BadUsage },
    };

    [Theory]
    [MemberData(nameof(Configs))]
    public void CheckConfigNeverShowsABusPassword(string config, int exitCode)
    {
        string file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, config);
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            Assert.Equal(exitCode, CheckConfigCommand.Run(file, stdout, stderr));
            string output = stdout + "\n" + stderr;
            Assert.NotEqual("\n", output);
            AssertNoPasswordIn(output);
            if (exitCode == ExitCodes.Success)
            {
                Assert.Contains("********", stdout.ToString(), StringComparison.Ordinal);
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void SettingsPrintWithoutBusPasswords()
    {
        var result = Footfall.Config.ConfigLoader.Parse(Valid);
        Assert.True(result.IsValid);
        AssertNoPasswordIn(result.Settings!.ToString());
        AssertNoPasswordIn(result.Settings.Mqtt!.ToString());
        AssertNoPasswordIn(result.Settings.ZenIrcBot!.ToString());
    }

    private static void AssertNoPasswordIn(string text)
    {
        foreach (string secret in new[] { MqttPassword, RedisPassword })
        {
            for (int i = 0; i + 6 <= secret.Length; i++)
            {
                Assert.False(text.Contains(secret.Substring(i, 6), StringComparison.Ordinal), $"a piece of a password is in: {text}");
            }
        }
    }
}
