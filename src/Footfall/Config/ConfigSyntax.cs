using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Footfall.Config;

/// <summary>
/// Reads the file's bytes into a JSON document the way people write it by hand (comments and
/// trailing commas allowed, a byte-order mark skipped), or says in one line where and why it is
/// not JSON. Reasons come from a fixed list, never from the parser's message, which quotes the
/// input: a typo inside a secret must not print the secret.
/// </summary>
internal static class ConfigSyntax
{
    /// <summary>The file's structure is five levels deep at most; anything far deeper is a mistake or an attack.</summary>
    public const int MaximumDepth = 32;

    private static readonly JsonDocumentOptions s_options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = MaximumDepth,
    };

    // Matched against the parser's message in this order: the first whose key it contains names the problem.
    private static readonly (string Key, string Reason)[] s_reasons =
    [
        ("does not contain any JSON tokens", "the file has no JSON in it (it is empty or only comments)"),
        ("end of comment", "a /* comment is not closed"),
        ("Expected depth to be zero", "an object or array is not closed"),
        ("end of string", "a string is not closed"),
        ("maximum configured depth", $"nested more than {MaximumDepth} levels deep"),
        ("without a matching open", "a closing bracket has no opening one"),
        ("after a single JSON value", "there is more after the end of the document"),
        ("after a property name", "expected ':' after a key"),
        ("start of a property name", "expected a key in double quotes"),
        ("after a value", "expected ',' or a closing bracket after a value"),
        ("JSON literal", "not a value: did you mean true, false or null? (text goes in double quotes)"),
        ("number", "not a valid number"),
        ("leading zero", "not a valid number"),
        ("hex digit", "a string has an invalid escape: \\u takes four hex digits"),
        ("escapable", "a string has an invalid escape: only \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX exist"),
        ("within a JSON string", "a string has a line break, tab or control character in it: write \\n or \\t"),
        ("start of a value", "expected a value: text in double quotes, a number, true, false, null, an object or an array"),
    ];

    public static JsonDocument? Parse(ReadOnlyMemory<byte> utf8, ConfigErrors errors)
    {
        int invalid = FindInvalidUtf8(utf8.Span);
        if (invalid >= 0)
        {
            (int line, int column) = Position(utf8.Span, invalid);
            errors.Add(ConfigPath.Root, $"not valid UTF-8 at line {line}, column {column}: save the file as UTF-8");
            return null;
        }
        if (utf8.Span.StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }
        try
        {
            return JsonDocument.Parse(utf8, s_options);
        }
        catch (JsonException e)
        {
            (int line, int column) = Position(utf8.Span, (int)(e.LineNumber ?? 0), (int)(e.BytePositionInLine ?? 0));
            errors.Add(ConfigPath.Root, $"not valid JSON at line {line}, column {column}: {ReasonFor(e.Message)}");
            return null;
        }
    }

    private static string ReasonFor(string message)
    {
        // The position suffix ("LineNumber: 2 | BytePositionInLine: 7.") is ours to tell, and would match "number".
        int suffix = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        message = suffix >= 0 ? message[..suffix] : message;
        foreach ((string key, string reason) in s_reasons)
        {
            if (message.Contains(key, StringComparison.Ordinal))
            {
                return reason;
            }
        }
        return "syntax error";
    }

    private static int FindInvalidUtf8(ReadOnlySpan<byte> utf8)
    {
        int offset = 0;
        while (offset < utf8.Length)
        {
            if (Rune.DecodeFromUtf8(utf8[offset..], out _, out int consumed) != OperationStatus.Done)
            {
                return offset;
            }
            offset += consumed;
        }
        return -1;
    }

    /// <summary>1-based line and column (in characters, not bytes) of a byte offset.</summary>
    private static (int Line, int Column) Position(ReadOnlySpan<byte> utf8, int offset)
    {
        ReadOnlySpan<byte> before = utf8[..Math.Min(offset, utf8.Length)];
        int line = before.Count((byte)'\n');
        int lineStart = before.LastIndexOf((byte)'\n') + 1;
        return (line + 1, CountCharacters(before[lineStart..]) + 1);
    }

    /// <summary>The parser counts lines from 0 and columns in bytes from 0; people count both from 1, in characters.</summary>
    private static (int Line, int Column) Position(ReadOnlySpan<byte> utf8, int zeroBasedLine, int bytesIntoLine)
    {
        int lineStart = 0;
        for (int line = 0; line < zeroBasedLine; line++)
        {
            int next = utf8[lineStart..].IndexOf((byte)'\n');
            if (next < 0)
            {
                break;
            }
            lineStart += next + 1;
        }
        ReadOnlySpan<byte> lineBytes = utf8[lineStart..];
        lineBytes = lineBytes[..Math.Min(Math.Max(bytesIntoLine, 0), lineBytes.Length)];
        return (zeroBasedLine + 1, CountCharacters(lineBytes) + 1);
    }

    // UTF-8 continuation bytes are 10xxxxxx; every other byte starts a character.
    private static int CountCharacters(ReadOnlySpan<byte> utf8)
    {
        int count = 0;
        foreach (byte b in utf8)
        {
            if ((b & 0xC0) != 0x80)
            {
                count++;
            }
        }
        return count;
    }
}
