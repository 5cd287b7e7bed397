using Footfall.Config;

namespace Footfall.Tests.Bus;

public class BrokerAddressTests
{
    [Theory]
    [InlineData("mqtt://broker.lan", "mqtt://broker.lan:1883")]
    [InlineData("mqtts://broker.lan", "mqtts://broker.lan:8883")]
    [InlineData("mqtt://footfall:Pw7Zq9Xx@10.0.0.2:1884", "mqtt://footfall:********@10.0.0.2:1884")]
    [InlineData("mqtt://[::1]:1883/", "mqtt://[::1]:1883")]
    public void MqttAddressesPrintWithThePasswordMasked(string text, string printed)
    {
        BrokerAddress? address = BrokerAddress.TryParse(text, "mqtt", "mqtts", 1883, 8883, allowDatabase: false, out string problem);
        Assert.True(address is not null, problem);
        Assert.Equal(printed, address.ToString());
    }

    [Theory]
    [InlineData("redis://redis.lan", "redis://redis.lan:6379/0", 0, null)]
    [InlineData("redis://:Rd5Ee8Dd@redis.lan:6390/3", "redis://:********@redis.lan:6390/3", 3, null)]
    [InlineData("rediss://bot:Rd5%40Ee@redis.lan/1", "rediss://bot:********@redis.lan:6380/1", 1, "bot")]
    public void RedisAddressesKeepTheDatabaseAndHideThePassword(string text, string printed, int database, string? user)
    {
        BrokerAddress? address = BrokerAddress.TryParse(text, "redis", "rediss", 6379, 6380, allowDatabase: true, out string problem);
        Assert.True(address is not null, problem);
        Assert.Equal(printed, address.ToString());
        Assert.Equal(database, address.Database);
        Assert.Equal(user, address.Username);
        if (text.Contains("Rd5%40Ee", StringComparison.Ordinal))
        {
            Assert.Equal("Rd5@Ee", address.Password!.Reveal());
        }
    }

    [Theory]
    [InlineData("http://broker.lan")]
    [InlineData("broker.lan:1883")]
    [InlineData("mqtt://broker.lan/path")]
    [InlineData("mqtt://broker.lan?x=1")]
    [InlineData("mqtt://:Pw7Zq9Xx@/")]
    public void WrongAddressesAreRefusedWithoutBeingQuoted(string text)
    {
        Assert.Null(BrokerAddress.TryParse(text, "mqtt", "mqtts", 1883, 8883, allowDatabase: false, out string problem));
        Assert.DoesNotContain("Pw7Zq9Xx", problem, StringComparison.Ordinal);
        Assert.NotEmpty(problem);
    }
}
