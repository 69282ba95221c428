using System.IO.Compression;
using System.Text;
using Tracemark.Scanning.Input;
using Tracemark.Tests;

namespace Tracemark.Scanning.Tests.Input;

public sealed class TextInputsTests
{
    static TextInputsTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static byte[] ZipOf(params (string Name, byte[] Bytes)[] members)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in members)
            {
                using var s = zip.CreateEntry(name).Open();
                s.Write(bytes);
            }
        }

        return buffer.ToArray();
    }

    private static string Text(TextInput input)
    {
        using var reader = new StreamReader(input.Open(), input.Probe.Encoding);
        return reader.ReadToEnd().TrimStart('\uFEFF');
    }

    [Fact]
    public void Folders_are_walked_in_name_order_and_nested_zips_opened_with_every_member_named_and_sniffed()
    {
        using var dir = new TempDir("textinputs");
        Directory.CreateDirectory(dir.File("d/sub"));
        var gbk = Encoding.GetEncoding("GBK");
        File.WriteAllBytes(dir.File("d/b.zip"), ZipOf(("inner.zip", ZipOf(("qq.json", gbk.GetBytes("老王 出料\r\n")))), ("x/utf16.txt", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("收料")])));
        File.WriteAllText(dir.File("d/a.txt"), "甲");
        File.WriteAllText(dir.File("d/sub/c.txt"), "乙");
        File.WriteAllText(dir.File("top.txt"), "丙");
        var errors = new List<ScanError>();

        var inputs = TextInputs.Expand([dir.File("top.txt"), dir.File("d")], () => Stream.Null, errors.Add).Select(i => (i.Name, i.Walked, i.Probe.Encoding.WebName, Text(i))).ToList();

        Assert.Empty(errors);
        Assert.Equal(
            [
                (dir.File("top.txt"), false, "utf-8", "丙"),
                (dir.File("d/a.txt"), true, "utf-8", "甲"),
                (dir.File("d/b.zip") + "!inner.zip!qq.json", true, "gb18030", "老王 出料\r\n"),
                (dir.File("d/b.zip") + "!x/utf16.txt", true, "utf-16", "收料"),
                (dir.File("d/sub/c.txt"), true, "utf-8", "乙"),
            ],
            inputs);
    }

    [Fact]
    public void Archives_nested_past_the_limit_are_reported_and_the_rest_is_read()
    {
        using var dir = new TempDir("textinputs-deep");
        Directory.CreateDirectory(dir.Path);
        File.WriteAllBytes(dir.File("a.zip"), ZipOf(("b.zip", ZipOf(("c.txt", "深"u8.ToArray()))), ("d.txt", "浅"u8.ToArray())));
        var errors = new List<ScanError>();

        var names = TextInputs.Expand([dir.File("a.zip"), dir.File("missing.txt")], () => Stream.Null, errors.Add, new ArchiveLimits(MaxDepth: 1)).Select(i => i.Name).ToList();

        Assert.Equal([dir.File("a.zip") + "!d.txt"], names);
        Assert.Equal([dir.File("a.zip") + "!b.zip", dir.File("missing.txt")], errors.Select(e => e.Source));
        Assert.Contains("nested deeper than 1", errors[0].Message, StringComparison.Ordinal);
        Assert.Equal("no such file or folder", errors[1].Message);
    }

    [Fact]
    public void Standard_input_is_one_input_named_dash_and_read_again_from_its_start()
    {
        var errors = new List<ScanError>();
        var inputs = TextInputs.Expand(["-"], () => new MemoryStream("出料\n收料\n"u8.ToArray()), errors.Add).ToList();
        var input = Assert.Single(inputs);

        Assert.Empty(errors);
        Assert.Equal(("-", false, null), (input.Name, input.Walked, input.Probe.NotText));
        Assert.Equal("出料\n收料\n", Encoding.UTF8.GetString(input.Head.Span));
    }

    [Fact]
    public void A_binary_member_is_handed_over_as_what_it_is()
    {
        using var dir = new TempDir("textinputs-bin");
        Directory.CreateDirectory(dir.Path);
        File.WriteAllBytes(dir.File("a.zip"), ZipOf(("p.pdf", "%PDF-1.7\n"u8.ToArray())));

        var input = Assert.Single(TextInputs.Expand([dir.File("a.zip")], () => Stream.Null, _ => Assert.Fail("no error expected")));

        Assert.Equal(("PDF document", true), (input.Probe.NotText, input.Walked));
    }
}
