using System.IO.Compression;
using System.Text;
using Tracemark.Synthetic.Output;
using Tracemark.Tests;

namespace Tracemark.Scanning.Tests;

/// <summary>Writes files into a temporary folder, scans them, and returns the summary and findings.</summary>
internal static class Scans
{
    static Scans() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public sealed record Result(ScanSummary Summary, List<Evaluation.Finding> Findings)
    {
        public IEnumerable<Evaluation.Finding> Of(string kind) => Findings.Where(f => f.Key.Kind == kind);

        public IEnumerable<string> Values(string kind) => Of(kind).Select(f => f.Key.Value);
    }

    public static Encoding Gbk => Encoding.GetEncoding(936);

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static byte[] Bytes(Encoding encoding, string text, bool bom = false) =>
        bom ? [.. encoding.GetPreamble(), .. encoding.GetBytes(text)] : encoding.GetBytes(text);

    public static Result Text(string text, string name = "input.txt") => Files((name, Utf8(text)));

    public static Result Files(params (string Name, byte[] Bytes)[] files) => Files(new ScanOptions(), files);

    public static Result Files(ScanOptions options, params (string Name, byte[] Bytes)[] files)
    {
        using var dir = new TempDir("scan");
        Directory.CreateDirectory(dir.Path);
        foreach (var (name, bytes) in files)
        {
            var path = dir.File(name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, bytes);
        }

        return Run(options with { Paths = [dir.Path] });
    }

    public static Result Run(ScanOptions options)
    {
        using var findings = new MemoryStream();
        var summary = Scanner.Scan(options with { Findings = findings, Today = options.Today ?? new DateOnly(2026, 11, 22) });
        var lines = Encoding.UTF8.GetString(findings.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return new Result(summary, [.. lines.Select(Evaluation.Finding.Parse)]);
    }

    public static byte[] Zip(params (string Name, byte[] Bytes)[] members)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in members)
            {
                using var s = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                s.Write(bytes);
            }
        }

        return buffer.ToArray();
    }

    public static byte[] Xlsx(params (string Sheet, string?[][] Rows)[] sheets)
    {
        using var buffer = new MemoryStream();
        using (var writer = new XlsxWriter(buffer))
        {
            foreach (var (sheet, rows) in sheets)
            {
                writer.StartSheet(sheet);
                foreach (var row in rows)
                {
                    writer.WriteRow(row);
                }
            }
        }

        return buffer.ToArray();
    }
}
