using System.Text;
using System.Text.Json;

namespace Footfall.Config;

/// <summary>
/// Reads footfall.json into <see cref="FootfallSettings"/>, in four passes that each report every
/// problem they find: bytes to JSON (<see cref="ConfigSyntax"/>), JSON against the contract
/// (<see cref="ConfigShape"/>), the source-generated deserializer, then meaning (<see cref="ConfigValidator"/>).
/// Nothing throws for a bad file: whatever the bytes, the answer is settings or errors.
/// </summary>
public static class ConfigLoader
{
    /// <summary>People write this file by hand; anything larger is not a configuration and is refused unread.</summary>
    public const int MaximumBytes = 256 * 1024;

    /// <summary>Reads and validates the file at <paramref name="path"/>. I/O problems are errors at "(file)", not exceptions.</summary>
    public static ConfigLoadResult Load(string path)
    {
        if (string.IsNullOrWhiteSpace(path) || path.Contains('\0'))
        {
            return ConfigLoadResult.Invalid(ConfigError.FilePath, $"{ConfigText.Quote(path ?? "")} is not a file name");
        }
        byte[] bytes;
        try
        {
            if (Directory.Exists(path))
            {
                return ConfigLoadResult.Invalid(ConfigError.FilePath, $"{path} is a directory, not a configuration file");
            }
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            if (file.CanSeek && file.Length > MaximumBytes)
            {
                return TooLarge(path, file.Length);
            }
            // Not every file knows its length (a pipe, /dev/stdin): read one byte past the limit to tell.
            bytes = new byte[MaximumBytes + 1];
            int length = 0;
            int read;
            while (length < bytes.Length && (read = file.Read(bytes, length, bytes.Length - length)) > 0)
            {
                length += read;
            }
            if (length > MaximumBytes)
            {
                return TooLarge(path, null);
            }
            Array.Resize(ref bytes, length);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return ConfigLoadResult.Invalid(ConfigError.FilePath, $"{path} does not exist");
        }
        catch (UnauthorizedAccessException)
        {
            return ConfigLoadResult.Invalid(ConfigError.FilePath, $"{path} cannot be read: permission denied");
        }
        catch (IOException e)
        {
            // I/O messages name the file and the OS error, never its contents.
            return ConfigLoadResult.Invalid(ConfigError.FilePath, $"{path} cannot be read: {e.Message}");
        }
        return Parse(bytes);
    }

    /// <summary>Validates configuration text (tests, and anything that has the file in memory already).</summary>
    public static ConfigLoadResult Parse(string json) => Parse(Encoding.UTF8.GetBytes(json));

    /// <summary>Validates the configuration file's bytes (UTF-8, with or without a byte-order mark).</summary>
    public static ConfigLoadResult Parse(ReadOnlyMemory<byte> utf8)
    {
        if (utf8.Length > MaximumBytes)
        {
            return TooLarge("the configuration", utf8.Length);
        }
        try
        {
            return Check(utf8);
        }
        catch (Exception e)
        {
            // A bug of ours, not the file's: still an answer rather than a crash, and only the
            // exception's type, as its message could quote the file (and so a secret).
            return ConfigLoadResult.Invalid(ConfigError.RootPath, $"could not be checked: internal error ({e.GetType().Name}); please report it");
        }
    }

    private static ConfigLoadResult Check(ReadOnlyMemory<byte> utf8)
    {
        var errors = new ConfigErrors();
        using JsonDocument? document = ConfigSyntax.Parse(utf8, errors);
        if (document is null)
        {
            return ConfigLoadResult.Invalid(errors.ToList());
        }
        byte[]? wellFormed = ConfigShape.Clean(document.RootElement, errors);
        if (wellFormed is null)
        {
            return ConfigLoadResult.Invalid(errors.ToList());
        }
        ConfigFile file = JsonSerializer.Deserialize(wellFormed, ConfigJsonContext.Default.ConfigFile) ?? new ConfigFile();
        FootfallSettings? settings = ConfigValidator.Validate(file, errors);
        return settings is not null ? ConfigLoadResult.Valid(settings) : ConfigLoadResult.Invalid(errors.ToList());
    }

    private static ConfigLoadResult TooLarge(string what, long? length) => ConfigLoadResult.Invalid(
        ConfigError.FilePath,
        $"{what} is {(length is { } bytes ? $"{(bytes + 1023) / 1024} KiB" : $"over {MaximumBytes / 1024} KiB")}; a configuration file may be at most {MaximumBytes / 1024} KiB");
}
