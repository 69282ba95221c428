using System.IO.Compression;
using Tracemark.Scanning.Input;

namespace Tracemark.Scanning.Tests.Input;

public sealed class ArchiveTests
{
    private static readonly byte[] Csv = Scans.Utf8("姓名,手机\n张三,13800138000\n");

    [Fact]
    public void Members_are_named_archive_bang_member_and_nested_archives_are_opened()
    {
        var inner = Scans.Zip(("deep/b.csv", Scans.Utf8("手机\n13912345678\n")));
        var outer = Scans.Zip(("a.csv", Csv), ("inner.zip", inner), ("book.xlsx", Scans.Xlsx(("s", [["手机"], ["15012345678"]]))));
        var r = Scans.Files(("leak.zip", outer));
        Assert.True(r.Summary.Complete, string.Join("; ", r.Summary.Errors.Select(e => e.Message)));
        var sources = r.Of("mobile").Select(f => f.Key.Source).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["leak.zip!a.csv", "leak.zip!book.xlsx!s", "leak.zip!inner.zip!deep/b.csv"], sources);
        Assert.Equal(3, r.Summary.Files);
    }

    [Fact]
    public void A_member_expanding_past_the_ratio_limit_is_stopped_as_a_possible_zip_bomb()
    {
        // 64 MB of zeros compress about a thousand to one.
        var bomb = Scans.Zip(("zeros.txt", new byte[64 << 20]), ("ok.csv", Csv));
        var r = Scans.Files(("bomb.zip", bomb));
        Assert.Contains(r.Summary.Errors, e => e.Source == "bomb.zip!zeros.txt" && e.Message.Contains("zip bomb", StringComparison.Ordinal));
        Assert.Equal("13800138000", Assert.Single(r.Values("mobile")));
    }

    [Fact]
    public void An_encrypted_member_is_named_as_encrypted_and_the_others_are_read()
    {
        var zip = Scans.Zip(("secret.csv", Csv), ("open.csv", Scans.Utf8("手机\n13912345678\n")));
        MarkEncrypted(zip, "secret.csv");
        var r = Scans.Files(("locked.zip", zip));
        var error = Assert.Single(r.Summary.Errors);
        Assert.Equal("locked.zip!secret.csv", error.Source);
        Assert.Contains("encrypted", error.Message, StringComparison.Ordinal);
        Assert.Equal("13912345678", Assert.Single(r.Values("mobile")));
    }

    // Sets the "encrypted" bit (general purpose flag bit 0) of a member, as zip -e does, in its local header and its
    // central directory record; what follows the header is then what a reader without the password would see.
    private static void MarkEncrypted(byte[] zip, string member)
    {
        var name = System.Text.Encoding.UTF8.GetBytes(member);
        for (var i = 0; i + 46 < zip.Length; i++)
        {
            var signature = BitConverter.ToUInt32(zip, i);
            var (flagAt, nameLengthAt, nameAt) = signature switch
            {
                0x04034b50 => (6, 26, 30),
                0x02014b50 => (8, 28, 46),
                _ => (-1, 0, 0),
            };
            if (flagAt >= 0 && BitConverter.ToUInt16(zip, i + nameLengthAt) == name.Length && zip.AsSpan(i + nameAt, name.Length).SequenceEqual(name))
            {
                zip[i + flagAt] |= 1;
            }
        }
    }

    [Fact]
    public void The_total_expansion_of_an_archive_is_capped()
    {
        var archive = Scans.Zip(("1.csv", Csv), ("2.csv", Csv), ("3.csv", Csv));
        var r = Scans.Files(new ScanOptions { Limits = new ArchiveLimits(MaxExpandedBytes: 40) }, ("many.zip", archive));
        Assert.Contains(r.Summary.Errors, e => e.Message.Contains("possible zip bomb", StringComparison.Ordinal));
        Assert.False(r.Summary.Complete);
    }

    [Fact]
    public void Archives_nested_too_deep_are_not_opened()
    {
        var zip = Scans.Zip(("a.csv", Csv));
        for (var i = 0; i < 3; i++)
        {
            zip = Scans.Zip(($"level{i}.zip", zip));
        }

        var r = Scans.Files(new ScanOptions { Limits = new ArchiveLimits(MaxDepth: 2) }, ("deep.zip", zip));
        Assert.Contains(r.Summary.Errors, e => e.Message.Contains("nested deeper", StringComparison.Ordinal));
        Assert.Empty(r.Findings);
    }

    [Fact]
    public void A_truncated_archive_is_reported_and_other_files_are_still_scanned()
    {
        var zip = Scans.Zip(("a.csv", Csv));
        var r = Scans.Files(("cut.zip", zip[..(zip.Length / 2)]), ("fine.csv", Csv));
        var error = Assert.Single(r.Summary.Errors);
        Assert.Equal("cut.zip", error.Source);
        Assert.Equal("13800138000", Assert.Single(r.Values("mobile")));
    }

    [Fact]
    public void A_truncated_workbook_is_reported()
    {
        var book = Scans.Xlsx(("s", [["手机"], ["13800138000"]]));
        var r = Scans.Files(("cut.xlsx", book[..(book.Length * 2 / 3)]), ("fine.csv", Csv));
        var error = Assert.Single(r.Summary.Errors);
        Assert.Equal("cut.xlsx", error.Source);
        Assert.Equal("13800138000", Assert.Single(r.Values("mobile")));
    }

    [Fact]
    public void A_corrupt_workbook_is_reported()
    {
        var book = Scans.Xlsx(("s", [["手机"], ["13800138000"]]));

        // Damage the sheet data inside a valid zip.
        using var buffer = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(book), ZipArchiveMode.Read))
        using (var target = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                using var from = entry.Open();
                using var to = target.CreateEntry(entry.FullName).Open();
                if (entry.FullName.Contains("sheet1", StringComparison.Ordinal))
                {
                    to.Write(Scans.Utf8("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>手机</t></is></c></row><row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>138</t></is><</c>"));
                }
                else
                {
                    from.CopyTo(to);
                }
            }
        }

        var r = Scans.Files(("broken.xlsx", buffer.ToArray()));
        Assert.False(r.Summary.Complete);
        Assert.Contains(r.Summary.Errors, e => e.Source.StartsWith("broken.xlsx", StringComparison.Ordinal));
    }
}
