using System.Text;
using Tracemark.Scanning.Input;

namespace Tracemark.Scanning.Tests.Input;

public sealed class SnifferTests
{
    static SnifferTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private const string Chinese = "姓名,手机\n张三,13800138000\n李四,13912345678\n";

    [Theory]
    [InlineData("utf-8", false, "utf-8")]
    [InlineData("utf-8", true, "utf-8-bom")]
    [InlineData("utf-16le", true, "utf-16le")]
    [InlineData("utf-16le", false, "utf-16le")]
    [InlineData("utf-16be", true, "utf-16be")]
    [InlineData("utf-16be", false, "utf-16be")]
    [InlineData("gbk", false, "gb18030")]
    [InlineData("gb18030", false, "gb18030")]
    public void Detects_text_encodings_with_and_without_a_byte_order_mark(string encoding, bool bom, string label)
    {
        var e = encoding switch
        {
            "utf-16le" => (Encoding)new UnicodeEncoding(false, bom),
            "utf-16be" => new UnicodeEncoding(true, bom),
            "gbk" => Encoding.GetEncoding(936),
            "gb18030" => Encoding.GetEncoding(54936),
            _ => new UTF8Encoding(bom),
        };
        var bytes = Scans.Bytes(e, Chinese, bom);
        var sniffed = Sniffer.Sniff(bytes);
        Assert.Equal(Container.Text, sniffed.Container);
        Assert.Equal(label, Sniffer.Label(sniffed.Encoding, sniffed.BomLength > 0));
    }

    [Theory]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14 }, "Zip")]
    [InlineData(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }, "Ole2")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A }, "Binary")]
    [InlineData(new byte[] { 0x1F, 0x8B, 0x08 }, "Binary")]
    [InlineData(new byte[] { 0x00, 0x01, 0x02, 0x03, 0x00, 0x00, 0x07, 0x08 }, "Binary")]
    [InlineData(new byte[0], "Empty")]
    public void Detects_containers_and_binaries_from_content(byte[] head, string container) =>
        Assert.Equal(container, Sniffer.Sniff(head).Container.ToString());

    [Fact]
    public void A_forced_encoding_wins()
    {
        var sniffed = Sniffer.Sniff(Encoding.UTF8.GetBytes(Chinese), TextEncoding.Gb18030);
        Assert.Equal(TextEncoding.Gb18030, sniffed.Encoding);
    }

    [Theory]
    [InlineData("GBK", true)]
    [InlineData("utf_16_le", true)]
    [InlineData("UTF-8", true)]
    [InlineData("latin1", false)]
    public void Encoding_names_parse(string name, bool ok) => Assert.Equal(ok, Sniffer.TryParse(name, out _));
}
