namespace Footfall.Status;

/// <summary>One file the page needs, embedded in the binary (Status/Assets): no file system, no CDN.</summary>
internal sealed record StatusAsset(byte[] Content, string ContentType);

/// <summary>The embedded assets by name. Nothing else is ever served as a file.</summary>
internal static class StatusAssets
{
    private static readonly Dictionary<string, StatusAsset> s_assets = new(StringComparer.Ordinal)
    {
        ["status.css"] = Load("status.css", "text/css; charset=utf-8"),
        ["status.js"] = Load("status.js", "text/javascript; charset=utf-8"),
        ["icon.svg"] = Load("icon.svg", "image/svg+xml"),
    };

    public static StatusAsset? Find(string name) => s_assets.GetValueOrDefault(name);

    private static StatusAsset Load(string name, string contentType)
    {
        using Stream stream = typeof(StatusAssets).Assembly.GetManifestResourceStream($"status/{name}")
            ?? throw new InvalidOperationException($"the status page's {name} is not embedded in this build");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return new StatusAsset(copy.ToArray(), contentType);
    }
}
