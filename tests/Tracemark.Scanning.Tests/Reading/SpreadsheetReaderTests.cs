namespace Tracemark.Scanning.Tests.Reading;

public sealed class SpreadsheetReaderTests
{
    [Fact]
    public void Every_sheet_of_an_xlsx_workbook_is_read_with_its_headers()
    {
        var book = Scans.Xlsx(
            ("客户", [["姓名", "手机号", "订单号"], ["张三", "13800138000", "11010519491231002X"], ["李四", "13912345678", null]]),
            ("证件", [["身份证号"], ["11010519491231002X"]]));
        var r = Scans.Files(("book.xlsx", book));
        Assert.True(r.Summary.Complete);
        Assert.Equal(["13800138000", "13912345678"], r.Values("mobile").Order(StringComparer.Ordinal));
        var id = Assert.Single(r.Of("cn_id"));
        Assert.Equal("book.xlsx!证件", id.Key.Source);
        Assert.Equal(1, id.Key.Record);
        Assert.Equal("身份证号", id.Field);

        // The ID-shaped order number under 订单号 is not reported.
        Assert.DoesNotContain(r.Findings, f => f.Field is "订单号");
    }

    [Fact]
    public void A_legacy_xls_workbook_is_read()
    {
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "legacy.xls"));
        var r = Scans.Files(("legacy.xls", bytes));
        Assert.True(r.Summary.Complete, string.Join("; ", r.Summary.Errors.Select(e => e.Message)));
        Assert.Equal(["11010519491231002X", "440524188001010014"], r.Values("cn_id").Order(StringComparer.Ordinal));
        Assert.Equal(3, r.Of("mobile").Count(f => f.Key.Source == "legacy.xls!客户"));
        Assert.Contains(r.Findings, f => f.Key.Source == "legacy.xls!备注" && f.Key.Value == "18612345678");
        Assert.Contains(r.Findings, f => f.Key.Kind == "name" && f.Key.Value == "赵六");
        Assert.Equal(1, r.Summary.Encodings["xls"]);
    }

    [Fact]
    public void Numbers_stored_as_numbers_read_as_their_digits()
    {
        // A value written without the inline-string type: Excel stores mobiles as numbers.
        var book = Scans.Xlsx(("s", [["手机"], ["13800138000"]]));
        var r = Scans.Files(("n.xlsx", book));
        Assert.Equal("13800138000", Assert.Single(r.Values("mobile")));
    }
}
