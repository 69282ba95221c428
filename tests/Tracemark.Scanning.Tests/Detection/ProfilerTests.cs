namespace Tracemark.Scanning.Tests.Detection;

public sealed class ProfilerTests
{
    [Fact]
    public void A_header_row_is_recognized_and_excluded_from_record_numbers()
    {
        var r = Scans.Text("姓名,手机\n张三,13800138000\n", "a.csv");
        var f = Assert.Single(r.Of("mobile"));
        Assert.Equal(1, f.Key.Record);
        Assert.Equal("手机", f.Field);
    }

    [Fact]
    public void A_dump_banner_is_read_but_is_not_a_record()
    {
        // Record numbers of dumps are line numbers, so the first data line is record 2; the banner's QQ is still found.
        var lines = "# 实时一手料 姓名----手机----身份证 需要的联系QQ 82345678\n" +
            string.Concat(Enumerable.Range(0, 20).Select(i => $"张三----138001{i:D5}----11010519491231002X\n"));
        var r = Scans.Text(lines, "dump.txt");
        Assert.Equal(20, r.Summary.Records);
        Assert.Equal(2, r.Of("mobile").Min(f => f.Key.Record));
        Assert.Single(r.Of("qq"));
    }

    [Fact]
    public void Without_a_header_columns_are_read_by_their_values_and_named_by_number()
    {
        var lines = string.Concat(Enumerable.Range(0, 30).Select(i => $"138001{i:D5},11010519491231002X\n"));
        var r = Scans.Text(lines, "b.csv");
        Assert.Equal(30, r.Of("mobile").Count());
        Assert.All(r.Of("mobile"), f => Assert.Equal(1, f.Field));
        Assert.Equal(1, r.Of("mobile").First().Key.Record);
    }

    [Fact]
    public void A_non_personal_header_wins_over_valid_looking_values()
    {
        // Every value under 订单号 is a valid resident ID: the header says what it is.
        var lines = "订单号,客户\n" + string.Concat(Enumerable.Repeat("11010519491231002X,张三\n", 20));
        var r = Scans.Text(lines, "c.csv");
        Assert.Empty(r.Of("cn_id"));
        Assert.Equal(20, r.Of("name").Count());
    }

    [Fact]
    public void Random_luhn_numbers_without_header_are_not_taken_for_cards()
    {
        // One random 16-digit number in ten passes Luhn: a column where only some do is not a card column.
        var random = new Random(7);
        var lines = string.Concat(Enumerable.Range(0, 100).Select(_ => $"{random.NextInt64(1_000_000_000_000_000, 9_999_999_999_999_999)}\n"));
        var r = Scans.Text(lines, "d.csv");
        Assert.Empty(r.Of("bank_card"));
    }

    [Fact]
    public void Sender_and_recipient_are_different_people()
    {
        var r = Scans.Text("寄件人,寄件人电话,收件人,收件人电话\n张三,13800138000,李四,13912345678\n", "e.csv");
        Assert.Equal(2, r.Summary.Persons);
    }

    [Fact]
    public void Records_sharing_an_id_or_mobile_are_one_person_across_files()
    {
        var r = Scans.Files(
            ("a.csv", Scans.Utf8("姓名,手机\n张三,13800138000\n")),
            ("b.csv", Scans.Utf8("手机,身份证号\n13800138000,11010519491231002X\n")),
            ("c.txt", Scans.Utf8("身份证11010519491231002X 有资金需求\n客户李四 电话13912345678\n")));
        Assert.Equal(2, r.Summary.Persons);
    }
}
