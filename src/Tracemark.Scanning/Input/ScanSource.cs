namespace Tracemark.Scanning.Input;

/// <summary>One input to read: a file, stdin, or an archive member ("a.zip!inner.csv").</summary>
/// <param name="Name">Path relative to the scanned root, archive members joined with '!'.</param>
/// <param name="Open">Opens a fresh read stream.</param>
/// <param name="Length">Size in bytes when known (for progress).</param>
/// <param name="Depth">Archive nesting depth (0 for files on disk).</param>
internal sealed record ScanSource(string Name, Func<Stream> Open, long? Length, int Depth);

/// <summary>Something that went wrong with one input: where, and what, in plain words.</summary>
/// <param name="Source">Input name as in findings.</param>
/// <param name="Record">1-based record (line for text) when the problem has one.</param>
/// <param name="Message">What happened and what was done about it.</param>
public sealed record ScanError(string Source, long? Record, string Message)
{
    /// <summary>Worth knowing, but nothing was lost (a line read in pieces): listed as a note, not a problem.</summary>
    public bool IsNote { get; init; }
}

/// <summary>Limits that keep hostile archives from exhausting memory or disk.</summary>
/// <param name="MaxDepth">Archives inside archives deeper than this are not opened.</param>
/// <param name="MaxEntries">Members per archive.</param>
/// <param name="MaxRatio">Expanded bytes per compressed byte for one member (zip bombs run at thousands).</param>
/// <param name="MaxExpandedBytes">Total expanded bytes of one top-level archive.</param>
public sealed record ArchiveLimits(int MaxDepth = 4, int MaxEntries = 100_000, long MaxRatio = 200, long MaxExpandedBytes = 16L << 30)
{
    /// <summary>The defaults.</summary>
    public static ArchiveLimits Default { get; } = new();
}

/// <summary>Raised when an archive member would expand past <see cref="ArchiveLimits"/>.</summary>
internal sealed class ArchiveLimitException(string message) : IOException(message);

/// <summary>Expands the paths given on the command line into sources, recursively and in a stable order.</summary>
internal static class SourceEnumerator
{
    /// <summary>
    /// Files stay as they are; folders are walked (symbolic links skipped to avoid loops); "-" is standard input.
    /// Unreadable folders are reported through <paramref name="errors"/> and skipped.
    /// </summary>
    public static IEnumerable<ScanSource> Expand(IEnumerable<string> paths, Func<Stream> stdin, Action<ScanError> errors)
    {
        foreach (var path in paths)
        {
            if (path == "-")
            {
                yield return new ScanSource("-", stdin, null, 0);
                continue;
            }

            if (File.Exists(path))
            {
                var full = Path.GetFullPath(path);
                yield return new ScanSource(Path.GetFileName(full), () => OpenFile(full), new FileInfo(full).Length, 0);
                continue;
            }

            if (!Directory.Exists(path))
            {
                errors(new ScanError(path, null, "no such file or folder"));
                continue;
            }

            var root = Path.GetFullPath(path);
            foreach (var file in Walk(root, errors))
            {
                var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
                long? length = null;
                try
                {
                    length = new FileInfo(file).Length;
                }
                catch (IOException)
                {
                    // Reported when the file is opened.
                }

                yield return new ScanSource(relative, () => OpenFile(file), length, 0);
            }
        }
    }

    /// <summary>The files below a folder in name order, files before subfolders; symbolic links are not followed.</summary>
    internal static IEnumerable<string> Walk(string folder, Action<ScanError> errors)
    {
        string[] files, folders;
        try
        {
            var options = new EnumerationOptions { AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = false };
            files = Directory.GetFiles(folder, "*", options);
            folders = Directory.GetDirectories(folder, "*", options);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            errors(new ScanError(folder, null, "folder could not be read: " + ex.Message));
            yield break;
        }

        Array.Sort(files, StringComparer.Ordinal);
        Array.Sort(folders, StringComparer.Ordinal);
        foreach (var f in files)
        {
            yield return f;
        }

        foreach (var d in folders)
        {
            foreach (var f in Walk(d, errors))
            {
                yield return f;
            }
        }
    }

    private static FileStream OpenFile(string path) =>
        new(path, new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.ReadWrite, BufferSize = 0, Options = FileOptions.SequentialScan });
}

/// <summary>A read-only stream that stops a zip member from expanding past its limit.</summary>
internal sealed class LimitedStream(Stream inner, long limit, string what) : CountingReadStream(inner)
{
    protected override void OnRead(int count, long total)
    {
        if (total > limit)
        {
            throw new ArchiveLimitException($"{what} expands past {limit:N0} bytes; stopped (possible zip bomb)");
        }
    }
}
