using System.IO.Compression;

namespace Tracemark.Scanning.Input;

/// <summary>One input found by <see cref="TextInputs"/>: a file, standard input, or a member of a zip archive.</summary>
public sealed class TextInput
{
    private readonly Func<Stream> _open;

    internal TextInput(string name, bool walked, TextProbe probe, byte[] head, Func<Stream> open)
    {
        Name = name;
        Walked = walked;
        Probe = probe;
        Head = head;
        _open = open;
    }

    /// <summary>The path as given or as found in a folder; "-" for standard input; archive members joined with '!'
    /// ("chats.zip!qq/群聊.txt").</summary>
    public string Name { get; }

    /// <summary>Found in a folder or inside an archive, not named on the command line.</summary>
    public bool Walked { get; }

    /// <summary>What the first bytes say: text in which encoding, or what else (judged from content, never from the name).</summary>
    public TextProbe Probe { get; }

    /// <summary>The first bytes (up to <see cref="TextProbe.SampleSize"/>; all of a shorter input).</summary>
    public ReadOnlyMemory<byte> Head { get; }

    /// <summary>A fresh stream over the input from its first byte (byte-order mark included).</summary>
    public Stream Open() => _open();
}

/// <summary>
/// The inputs behind command-line paths, found as the scanner finds them: folders walked in name order (symbolic links
/// not followed), "-" for standard input, zip archives opened member by member (nested ones too) within the scanner's
/// <see cref="ArchiveLimits"/>, and every input's encoding sniffed from its content (UTF-8 and UTF-16 with or
/// without a byte-order mark, GBK/GB18030). For readers that are not tables — chat exports, posts — and so cannot
/// use <see cref="TableFile"/>. A workbook is handed over as what it is (not text), for the caller to refuse by name.
/// </summary>
public static class TextInputs
{
    /// <summary>
    /// The inputs of <paramref name="paths"/>, in order and lazily: an archive stays open while its members are read.
    /// Standard input is copied to a temporary file first (readers look at the start and then read again), deleted
    /// when the enumeration ends. Paths that do not exist, unreadable folders and archives, and members that are
    /// not read go to <paramref name="errors"/>.
    /// </summary>
    public static IEnumerable<TextInput> Expand(IEnumerable<string> paths, Func<Stream> stdin, Action<ScanError> errors, ArchiveLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(stdin);
        ArgumentNullException.ThrowIfNull(errors);
        limits ??= ArchiveLimits.Default;
        foreach (var path in paths)
        {
            if (path == "-")
            {
                var spool = Path.GetTempFileName();
                try
                {
                    using (var input = stdin())
                    using (var file = File.Create(spool))
                    {
                        input.CopyTo(file);
                    }

                    foreach (var input in Leaf(new ScanSource("-", () => OpenFile(spool), null, 0), walked: false, limits, new ArchiveBudget(limits.MaxExpandedBytes), errors))
                    {
                        yield return input;
                    }
                }
                finally
                {
                    File.Delete(spool);
                }

                continue;
            }

            if (File.Exists(path))
            {
                foreach (var input in Leaf(new ScanSource(path, () => OpenFile(path), null, 0), walked: false, limits, new ArchiveBudget(limits.MaxExpandedBytes), errors))
                {
                    yield return input;
                }

                continue;
            }

            if (!Directory.Exists(path))
            {
                errors(new ScanError(path, null, "no such file or folder"));
                continue;
            }

            foreach (var file in SourceEnumerator.Walk(path, errors))
            {
                foreach (var input in Leaf(new ScanSource(file, () => OpenFile(file), null, 0), walked: true, limits, new ArchiveBudget(limits.MaxExpandedBytes), errors))
                {
                    yield return input;
                }
            }
        }
    }

    // One source: a zip is walked (a workbook is not: it is handed over as not text), anything else handed over.
    private static IEnumerable<TextInput> Leaf(ScanSource source, bool walked, ArchiveLimits limits, ArchiveBudget budget, Action<ScanError> errors)
    {
        byte[] head;
        Stream? stream = null;
        Sniffed sniffed;
        try
        {
            stream = source.Open();
            var buffer = new byte[Sniffer.SampleSize];
            var n = ArchiveMembers.ReadHead(stream, buffer);
            head = buffer.AsSpan(0, n).ToArray();
            sniffed = Sniffer.Sniff(head);
            if (sniffed.Container != Container.Zip)
            {
                stream.Dispose();
                stream = null;
            }
            else
            {
                stream = ArchiveMembers.Seekable(stream, buffer, n);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            stream?.Dispose();
            errors(new ScanError(source.Name, null, (ex is ArchiveLimitException ? string.Empty : "cannot read: ") + ex.Message));
            yield break;
        }

        if (stream is null)
        {
            yield return new TextInput(source.Name, walked, TextProbe.Of(head), head, source.Open);
            yield break;
        }

        using (stream)
        {
            ZipArchive zip;
            try
            {
                zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            }
            catch (InvalidDataException ex)
            {
                errors(new ScanError(source.Name, null, $"not a readable zip archive ({ex.Message.TrimEnd('.')}); skipped"));
                yield break;
            }

            using (zip)
            {
                if (zip.GetEntry("xl/workbook.xml") is not null)
                {
                    yield return new TextInput(source.Name, walked, new TextProbe("Excel workbook", System.Text.Encoding.UTF8, 0), head, source.Open);
                    yield break;
                }

                foreach (var member in ArchiveMembers.Of(source, zip, limits, budget, errors))
                {
                    if (member is null)
                    {
                        continue;
                    }

                    foreach (var input in Leaf(member, walked: true, limits, budget, errors))
                    {
                        yield return input;
                    }
                }
            }
        }
    }

    private static FileStream OpenFile(string path) =>
        new(path, new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.ReadWrite, BufferSize = 1 << 16 });
}
