using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Footfall.Cli.Report;

/// <summary>
/// The folder a support report is written into: each part a file, and an index of what each file is (or why
/// a part is missing) for README.txt. Files already there (the image's script puts the journal in first)
/// are kept and listed; every file is scrubbed of the configured secrets before the report is finished.
/// </summary>
internal sealed class ReportFolder
{
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly List<string> _index = [];

    public ReportFolder(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
    }

    public string Path { get; }

    /// <summary>"who.json: who is in, as `footfall who --json`" lines, in the order the parts were written.</summary>
    public IReadOnlyList<string> Index => _index;

    /// <summary>Writes a file as it is, and lists it.</summary>
    public void Note(string name, string what, string text)
    {
        File.WriteAllText(Full(name), text.EndsWith('\n') || text.Length == 0 ? text : text + "\n", s_utf8);
        _index.Add($"{name}: {what}");
    }

    /// <summary>A text part, a line each; see <see cref="PartAsync"/> for what a failure does.</summary>
    public void Text(string name, string what, Func<IEnumerable<string>> lines) =>
        Guard(name, what, () => Note(name, what, string.Join("\n", lines())));

    /// <summary>A JSON part in a contract's shape.</summary>
    public void Json<T>(string name, string what, Func<T> value, JsonTypeInfo<T> type) => Guard(name, what, () =>
    {
        T content = value();
        using (FileStream file = File.Create(Full(name)))
        {
            JsonSerializer.Serialize(file, content, type);
            file.Write("\n"u8);
        }
        _index.Add($"{name}: {what}");
    });

    /// <summary>
    /// A part that takes time (a request, the doctor's checks). When making it fails, its file says why
    /// instead and the report goes on with the next part: a damaged database must not cost the journal.
    /// </summary>
    public async Task PartAsync(string name, string what, Func<Task<string>> text)
    {
        try
        {
            Note(name, what, await text().ConfigureAwait(false));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Failed(name, what, e);
        }
    }

    private void Guard(string name, string what, Action part)
    {
        try
        {
            part();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Failed(name, what, e);
        }
    }

    private void Failed(string name, string what, Exception e) =>
        Note(name, $"{what} (could not be made)", $"footfall report could not make this part: {e.Message}");

    /// <summary>
    /// Masks every secret in every file of the folder, those footfall wrote and those it found; a file where a
    /// secret still shows after masking (a secret inside the mask's own surroundings) is emptied but for a note.
    /// Returns a line per file changed.
    /// </summary>
    public IReadOnlyList<string> Scrub(SecretScrubber scrubber)
    {
        var changed = new List<string>();
        if (scrubber.IsEmpty)
        {
            return changed;
        }
        foreach (string file in Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (new FileInfo(file).LinkTarget is not null)
            {
                // Not ours to follow: the report is regular files only.
                File.Delete(file);
                continue;
            }
            byte[] before = File.ReadAllBytes(file);
            byte[] after = scrubber.Scrub(before, out int masked);
            string name = System.IO.Path.GetRelativePath(Path, file);
            if (scrubber.Holds(after))
            {
                after = s_utf8.GetBytes("This file was emptied: a configured secret in it could not be masked.\n");
                changed.Add($"{name}: emptied, a secret in it could not be masked");
            }
            else if (masked > 0)
            {
                changed.Add($"{name}: {masked} secret{(masked == 1 ? "" : "s")} masked");
            }
            else
            {
                continue;
            }
            string temporary = file + ".scrub";
            File.WriteAllBytes(temporary, after);
            File.Move(temporary, file, overwrite: true);
        }
        return changed;
    }

    private string Full(string name) => System.IO.Path.Combine(Path, name);
}
