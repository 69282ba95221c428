using Tracemark.Scanning.Analysis;
using Tracemark.Scanning.Reading;

namespace Tracemark.Scanning.Tests.Reading;

public sealed class TextFormatTests
{
    [Theory]
    [InlineData("姓名,手机\n张三,13800138000\n李四,13912345678\n", "csv", ",")]
    [InlineData("姓名;手机\n张三;13800138000\n", "csv", ";")]
    [InlineData("姓名\t手机\n张三\t13800138000\n", "tsv", "\t")]
    // Quoted cells holding line breaks: the records, not the physical lines, carry the commas.
    [InlineData("customer_id,mobile,address\r\nC0,\"two\nlines\",\"two\nlines\",13800138000\r\n", "csv", ",")]
    // Dumps: ---- or | separators, fields may vary (an optional address), a '#' banner does not vote.
    [InlineData("# 实时料\n张三----138----110\n李四----139----110----地址\n王五----150----110\n", "dump", "----")]
    [InlineData("张三|13800138000|110\n李四|13912345678|110\n", "dump", "|")]
    // JSON Lines and JSON documents.
    [InlineData("{\"a\":1}\n{\"a\":2}\n", "jsonl", null)]
    // A broken line among whole objects is still JSON Lines (the reader reports that line).
    [InlineData("{\"a\":1}\n{\"a\": oops}\n{\"a\":3}\n", "jsonl", null)]
    // One object per line but the sample cut mid-line: the cut line does not vote.
    [InlineData("{\"a\":1}\n{\"a\":2}\n{\"a\":", "jsonl", null)]
    // Mostly not objects: text.
    [InlineData("{注意} 以下是资料\n张三 13800138000\n李四 13912345678\n", "text", null)]
    [InlineData("[{\"a\":1},\n{\"a\":2}]", "json", null)]
    [InlineData("{\n  \"data\": [ {\"a\": 1} ]\n}", "json", null)]
    // A chat log whose lines start with [time] is text, not a JSON array.
    [InlineData("[2025-01-30 11:00:00] 老王: 出料\n[2025-01-30 11:01:00] 小李: 收到\n", "text", null)]
    // Free text with an occasional comma is not CSV.
    [InlineData("今天天气很好\n客户张三 手机13800138000, 有资金需求\n收到\n", "text", null)]
    [InlineData("", "text", null)]
    public void Detects_the_layout(string sample, string format, string? delimiter)
    {
        var (f, d) = TextFormat.Detect(sample);
        Assert.Equal(format, Aggregator.FormatName(f));
        Assert.Equal(delimiter, d);
    }
}
