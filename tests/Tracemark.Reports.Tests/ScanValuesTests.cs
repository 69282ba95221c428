namespace Tracemark.Reports.Tests;

/// <summary>
/// The closed sets of scan's and synth's file descriptions (table format, encoding, synth shape) print the names the
/// scanner and synth always wrote, read them back, and refuse any other name (a bug, not data).
/// </summary>
public sealed class ScanValuesTests
{
    private static readonly string[] FormatNames = ["text", "dump", "csv", "tsv", "jsonl", "json", "xlsx", "xls"];
    private static readonly string[] EncodingNames = ["utf-8", "utf-8-bom", "utf-16le", "utf-16be", "gb18030", "gbk", "xlsx", "xls", "empty", "binary"];
    private static readonly string[] ShapeNames = ["courier", "loan", "hotel", "dump", "chat", "app", "decoys"];

    public static TheoryData<string> Formats => new(FormatNames);

    public static TheoryData<string> Encodings => new(EncodingNames);

    public static TheoryData<string> Shapes => new(ShapeNames);

    [Theory]
    [MemberData(nameof(Formats))]
    public void A_table_format_prints_the_name_it_was_read_from(string name) =>
        Assert.Equal($"\"{name}\"", ReportJson.SerializeLine(ReportValues.TableFormat(name)));

    [Theory]
    [MemberData(nameof(Encodings))]
    public void An_encoding_prints_the_name_it_was_read_from(string name) =>
        Assert.Equal($"\"{name}\"", ReportJson.SerializeLine(ReportValues.Encoding(name)));

    [Theory]
    [MemberData(nameof(Shapes))]
    public void A_synth_shape_prints_the_name_it_was_read_from(string name) =>
        Assert.Equal($"\"{name}\"", ReportJson.SerializeLine(ReportValues.Shape(name)));

    [Fact]
    public void Every_member_has_its_name_in_the_lists_above()
    {
        // A member added without a name would print its C# name; each list must cover its enum.
        Assert.Equal(Enum.GetValues<TableFormatName>().Length, FormatNames.Select(ReportValues.TableFormat).Distinct().Count());
        Assert.Equal(Enum.GetValues<EncodingName>().Length, EncodingNames.Select(ReportValues.Encoding).Distinct().Count());
        Assert.Equal(Enum.GetValues<SynthShape>().Length, ShapeNames.Select(ReportValues.Shape).Distinct().Count());
    }

    [Theory]
    [InlineData("CSV")]
    [InlineData("utf8")]
    [InlineData("")]
    [InlineData("parquet")]
    public void Any_other_name_is_refused(string name)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ReportValues.TableFormat(name));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReportValues.Encoding(name));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReportValues.Shape(name));
    }

    [Fact]
    public void Encoding_counts_keep_the_order_they_were_given_in()
    {
        // scan --json sorts the names ordinally before reading them; the map must print in that order.
        var counts = ReportValues.Encodings([new("binary", 1), new("gb18030", 2), new("utf-8", 3), new("xlsx", 4)]);
        Assert.Equal("{\"binary\":1,\"gb18030\":2,\"utf-8\":3,\"xlsx\":4}", ReportJson.SerializeLine(counts));
    }
}
