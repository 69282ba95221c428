using System.IO.Compression;

namespace Tracemark.Scanning.Input;

/// <summary>What one top-level archive may still expand to, shared by its members and the archives inside it.</summary>
internal sealed class ArchiveBudget(long bytes)
{
    public long Remaining { get; private set; } = bytes;

    public void Spend(long count) => Remaining -= count;
}

/// <summary>Charges what an archive member expands to against the top-level archive's budget.</summary>
internal sealed class BudgetStream(Stream inner, ArchiveBudget budget) : CountingReadStream(inner)
{
    protected override void OnRead(int count, long total) => budget.Spend(count);
}

/// <summary>
/// The members of a zip archive to read, with the limits that keep a hostile archive from taking the memory or the
/// disk (depth, member count, expansion ratio, total expansion). One walk for every reader of inputs — the scanner
/// and whatever else takes files in — so an archive is opened, limited and named the same way everywhere.
/// </summary>
internal static class ArchiveMembers
{
    /// <summary>
    /// The members of <paramref name="zip"/> (the contents of <paramref name="source"/>) in archive order, named
    /// "archive!member". A member that is not read (encrypted, declared past the ratio) is reported and comes back as
    /// null, so that callers still count it as an input; the walk stops at the depth, member and budget limits.
    /// </summary>
    public static IEnumerable<ScanSource?> Of(ScanSource source, ZipArchive zip, ArchiveLimits limits, ArchiveBudget budget, Action<ScanError> error)
    {
        if (source.Depth >= limits.MaxDepth)
        {
            error(new ScanError(source.Name, null, $"archive nested deeper than {limits.MaxDepth} levels; not opened"));
            yield break;
        }

        var entries = 0;
        foreach (var entry in zip.Entries)
        {
            if (entry.FullName.EndsWith('/'))
            {
                continue;
            }

            var name = $"{source.Name}!{entry.FullName}";
            if (++entries > limits.MaxEntries)
            {
                error(new ScanError(source.Name, null, $"more than {limits.MaxEntries:N0} members; the rest were not read"));
                yield break;
            }

            // Without this check an encrypted member reads as its cipher text and is reported as "binary data".
            if (entry.IsEncrypted)
            {
                error(new ScanError(name, null, "encrypted (password-protected) member; not opened — extract it with the password first"));
                yield return null;
                continue;
            }

            if (entry.CompressedLength > 0 && entry.Length / Math.Max(1, entry.CompressedLength) > limits.MaxRatio)
            {
                error(new ScanError(name, null, $"declared expansion {entry.Length:N0} bytes from {entry.CompressedLength:N0} exceeds {limits.MaxRatio}:1 (possible zip bomb); skipped"));
                yield return null;
                continue;
            }

            if (budget.Remaining <= 0)
            {
                error(new ScanError(source.Name, null, $"members expand past {limits.MaxExpandedBytes:N0} bytes in all (possible zip bomb); the rest were not read"));
                yield break;
            }

            var limit = Math.Min(budget.Remaining, (entry.CompressedLength * limits.MaxRatio) + (1L << 20));
            yield return new ScanSource(name, () => new BudgetStream(new LimitedStream(entry.Open(), limit, name), budget), entry.Length, source.Depth + 1);
        }
    }

    /// <summary>
    /// A seekable copy of <paramref name="stream"/> for what needs seeking (a zip, a workbook): a file on disk as it
    /// is; anything else (standard input, an archive member) copied to a temporary file that goes when it is closed.
    /// <paramref name="head"/> holds the first <paramref name="n"/> bytes already taken from the stream.
    /// </summary>
    public static Stream Seekable(Stream stream, byte[] head, int n)
    {
        if (stream.CanSeek && stream is FileStream)
        {
            stream.Seek(0, SeekOrigin.Begin);
            return stream;
        }

        var temp = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.ReadWrite, 1 << 16, FileOptions.DeleteOnClose);
        try
        {
            temp.Write(head, 0, n);
            stream.CopyTo(temp);
        }
        catch
        {
            temp.Dispose();
            throw;
        }
        finally
        {
            stream.Dispose();
        }

        temp.Seek(0, SeekOrigin.Begin);
        return temp;
    }

    /// <summary>Reads up to <paramref name="head"/>'s length from the start of <paramref name="stream"/>.</summary>
    public static int ReadHead(Stream stream, byte[] head) => stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
}
