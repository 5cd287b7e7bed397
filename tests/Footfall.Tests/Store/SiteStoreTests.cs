using Footfall.Store;
using Footfall.Tests.Support;

namespace Footfall.Tests.Store;

/// <summary>The site's time zone, kept for the commands that read the store without the configuration.</summary>
public sealed class SiteStoreTests : IDisposable
{
    private readonly StoreFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void NoZoneBeforeTheDaemonRecordsOne()
    {
        Assert.Null(_fixture.Store.SiteTimeZone());
    }

    [Fact]
    public void TheLastZoneRecordedIsKeptAndReadBackReadOnly()
    {
        _fixture.Store.RecordSiteTimeZone("Europe/London");
        _fixture.Store.RecordSiteTimeZone("Europe/Amsterdam");
        Assert.Equal("Europe/Amsterdam", _fixture.Store.SiteTimeZone());
        using FootfallStore reader = FootfallStore.OpenReadOnly(_fixture.DataDirectory);
        Assert.Equal("Europe/Amsterdam", reader.SiteTimeZone());
    }
}
