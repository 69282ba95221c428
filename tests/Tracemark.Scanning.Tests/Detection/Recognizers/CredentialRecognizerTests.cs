using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Tracemark.Identifiers;
using Tracemark.Identifiers.Kinds;
using Tracemark.Scanning.Output;
using Tracemark.Tests;

namespace Tracemark.Scanning.Tests.Detection.Recognizers;

public sealed class CredentialRecognizerTests
{
    /// <summary>A scan of one text given on standard input: findings (raw lines), summary, HTML report (revealed) and what the observer received.</summary>
    private sealed record Run(ScanSummary Summary, string FindingsText, List<Evaluation.Finding> Findings, string Html, List<(IdentifierKind Kind, string Value)> Observed)
    {
        public List<Evaluation.Finding> Credentials => [.. Findings.Where(f => f.Key.Kind == "credential")];

        public List<string> Pairs => [.. Observed.Where(o => o.Kind == IdentifierKind.Credential).Select(o => o.Value)];
    }

    private sealed class Observer : IFindingObserver
    {
        public List<(IdentifierKind, string)> Seen { get; } = [];

        public void Observe(IdentifierKind kind, ReadOnlySpan<char> canonical, string source, long record) => Seen.Add((kind, canonical.ToString()));
    }

    private static Run Scan(string text)
    {
        using var findings = new MemoryStream();
        var observer = new Observer();
        var summary = Scanner.Scan(new ScanOptions
        {
            Paths = ["-"],
            Stdin = () => new MemoryStream(Encoding.UTF8.GetBytes(text)),
            Findings = findings,
            Observer = observer,
            Workers = 1,
            Today = new DateOnly(2026, 11, 22),
        });
        var lines = Encoding.UTF8.GetString(findings.ToArray());
        using var html = new MemoryStream();
        HtmlReport.Write(summary, html, reveal: true);
        return new Run(summary, lines, [.. lines.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Evaluation.Finding.Parse)],
            Encoding.UTF8.GetString(html.ToArray()), observer.Seen);
    }

    [Theory]
    [InlineData("----")]
    [InlineData("|")]
    [InlineData("\t")]
    [InlineData(",")]
    [InlineData(":")]
    public void Qq_dumps_with_each_separator_are_credentials(string separator)
    {
        var run = Scan(string.Join('\n', new[] { "123456789", "10001234", "2876543210" }.Select((qq, i) => $"{qq}{separator}pass{i}word!x")) + "\n");
        Assert.Equal(["123456789", "10001234", "2876543210"], run.Credentials.Select(f => f.Key.Value));
        Assert.Equal(3, run.Summary.Kinds["credential"]);
        Assert.Equal(3, run.Summary.Passwords["plain"]);
        Assert.Equal(["123456789\npass0word!x", "10001234\npass1word!x", "2876543210\npass2word!x"], run.Pairs);
    }

    [Fact]
    public void A_dump_whose_first_password_hides_a_header_word_is_read_without_a_header()
    {
        // "pw" sits inside the first password: the line is a credential, not column names printed in the report.
        var run = Scan("15090|owfPwCJ0A$Z9\nzclcd92|A7AQMyPk!0Z9\n67232|$muB92daKZ9\n");
        Assert.Equal(["15090", "zclcd92", "67232"], run.Credentials.Select(f => f.Key.Value));
        Assert.DoesNotContain("owfPwCJ0A$Z9", run.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Headed_tables_name_account_and_password_columns_in_chinese_and_english()
    {
        var csv = Scan("QQ号,密码,备注\n123456789,abc12345,正常\n234567890,13812345678,冻结\n");
        Assert.Equal(["123456789", "234567890"], csv.Credentials.Select(f => f.Key.Value));
        // A password under a password header is a password, even when it looks like a mobile: never a mobile finding.
        Assert.DoesNotContain(csv.Findings, f => f.Key.Kind == "mobile");
        Assert.All(csv.Credentials, f => Assert.Equal("密码", f.Field));

        var english = Scan("email,password\nZhang.San@Example.com,Secr3t!\nli.si@example.org,hunter22\n");
        Assert.Equal(["zhang.san@example.com", "li.si@example.org"], english.Credentials.Select(f => f.Key.Value));
        Assert.Contains(english.Findings, f => f.Key.Kind == "email");

        var game = Scan("游戏账号----登录密码\nwangwu_88----qwe123!!\nzhaoliu99----asdf5678\n");
        Assert.Equal(["wangwu_88", "zhaoliu99"], game.Credentials.Select(f => f.Key.Value));

        var json = Scan("{\"mobile\":\"13912345678\",\"pwd\":\"e10adc3949ba59abbe56e057f20f883e\"}\n{\"mobile\":\"13812345678\",\"pwd\":\"7c4a8d09ca3762af61e59520943dc26494f8941b\"}\n");
        Assert.Equal(["13912345678", "13812345678"], json.Credentials.Select(f => f.Key.Value));
        Assert.Equal(1, json.Summary.Passwords["md5"]);
        Assert.Equal(1, json.Summary.Passwords["sha1"]);
    }

    [Fact]
    public void A_hashed_dump_keeps_digests_that_hold_a_long_run_of_digits()
    {
        // About one MD5 in ten has 11 or more digits in a row (MD5 of "pass10", "pass43"; SHA-1 of "pass8"): that is
        // a digest, not a mobile glued to something, so the header-less dump keeps all three lines.
        var run = Scan("123456789----a3224611fd03510682690769d0195d66\n13812345678----48ffa8152062285137eb997803989d6e\nwang@example.com----2c186a6f0dda5aa237254943899d4fee0ab15dd0\n");
        Assert.Equal(["123456789", "13812345678", "wang@example.com"], run.Credentials.Select(f => f.Key.Value));
        Assert.Equal(2, run.Summary.Passwords["md5"]);
        Assert.Equal(1, run.Summary.Passwords["sha1"]);
    }

    [Theory]
    [InlineData("e10adc3949ba59abbe56e057f20f883e", "md5")]
    [InlineData("E10ADC3949BA59ABBE56E057F20F883E", "md5")]
    [InlineData("7c4a8d09ca3762af61e59520943dc26494f8941b", "sha1")]
    [InlineData("$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy", "bcrypt")]
    [InlineData("8d969eef6ecad3c29a3a629280e686cf0c3f5d5a86aff3ca12020c923adc6c92", "hash")]
    [InlineData("$6$saltsalt$qFmFH.bQmmtXzyBY0s9v7Oicd2z4XSIecDzlB5KiA2/jctKu9YterLp8wwnSq.qc.eoxqOmSuNp2xS0ktL3nh/", "hash")]
    [InlineData("woaini1314", "plain")]
    public void Reports_the_password_shape_never_the_password(string password, string shape)
    {
        var run = Scan($"账号----密码\n123456789----{password}\n");
        var finding = Assert.Single(run.Credentials);
        Assert.Contains($"\"password\":\"{shape}\"", run.FindingsText, StringComparison.Ordinal);
        Assert.Equal(shape, Credential.Shape(password).Code());
        Assert.Equal("123456789", finding.Key.Value);
        Assert.DoesNotContain(password, run.FindingsText, StringComparison.Ordinal);
        Assert.DoesNotContain(password, run.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("出售老号 账号:123456789 密码:abc12345 包改密", "123456789")]
    [InlineData("QQ号：234567890，密码：Qwerty!9", "234567890")]
    [InlineData("邮箱 wang@example.com 密码 pa55word", "wang@example.com")]
    [InlineData("user=gamer007 pwd=letmein1", "gamer007")]
    [InlineData("zhang.san@example.com:Secr3tPass", "zhang.san@example.com")]
    public void Finds_credentials_in_lines_of_text(string line, string account)
    {
        var run = Scan("聊天记录导出\n" + line + "\n");
        Assert.Equal([account], run.Credentials.Select(f => f.Key.Value));
        var password = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(run.Pairs.Single().Split('\n')[1]));
        Assert.DoesNotContain(password, run.FindingsText, StringComparison.Ordinal);
    }

    [Theory]
    // Hex strings that are order numbers or hashes without an account.
    [InlineData("订单号 5f4dcc3b5aa765d61d8327deb882cf99 已发货\n订单号 e10adc3949ba59abbe56e057f20f883e 已签收\n")]
    [InlineData("5f4dcc3b5aa765d61d8327deb882cf99\ne10adc3949ba59abbe56e057f20f883e\n7c4a8d09ca3762af61e59520943dc26494f8941b\n")]
    [InlineData("5f4dcc3b5aa765d61d8327deb882cf99----e10adc3949ba59abbe56e057f20f883e\n7c4a8d09ca3762af61e59520943dc264----25d55ad283aa400af464c76d713c07ad\n")]
    [InlineData("20231201123456789----199.00\n20231201123456790----28.50\n")]
    // ---- lines without passwords: a 料 dump, a QQ–mobile binding, empty and status fields.
    [InlineData("张三----13812345678----110105194912310021\n李四----13912345678----北京市朝阳区建国路1号\n")]
    [InlineData("123456789----13812345678\n234567890----13912345678\n")]
    [InlineData("123456789----\n234567890----\n345678901----\n")]
    [InlineData("123456789----正常\n234567890----冻结\n345678901----已封\n")]
    // Separators in ordinary text.
    [InlineData("价格----面议\n联系----微信\n")]
    [InlineData("Error:timeout\nnote:see below\nhttp://example.com/a\n时间 12:30\n")]
    [InlineData("今天天气不错, 明天再说\n订单|已完成|2024-01-01\n")]
    [InlineData("emp-outlet00-04, emp-outlet00-05\nalpha-team | beta-team2\n")]
    [InlineData("前言 11010519491231002X\t13912345678|\n11010519491231002X\t13912345678|\n")]
    public void Decoys_are_not_credentials(string text)
    {
        var run = Scan(text);
        Assert.Empty(run.Credentials);
        Assert.False(run.Summary.Kinds.ContainsKey("credential"));
    }

    [Fact]
    public void A_password_column_found_from_values_is_never_read_for_identifiers()
    {
        // Passwords that happen to be a mobile-shaped or ID-shaped string are rejected as bare passwords, and the
        // rest of the column is still never scanned: no finding points into it but the credential.
        var run = Scan("123456789----abc!1234\n234567890----qwe!5678\n345678901----zxc!9012\n");
        Assert.Equal(3, run.Credentials.Count);
        Assert.Equal(3, run.Findings.Count);
    }

    // Generated dumps: valid accounts with passwords, joined by a dump separator.
    private static readonly string[] Separators = ["----", "|", "\t", ",", ":"];

    private static Gen<string> Digits(int min, int max) =>
        from n in Gen.Choose(min, max)
        from ds in Gen.ArrayOf(Gen.Choose('0', '9').Select(c => (char)c), n)
        select new string(ds);

    private static Gen<string> Qq => from first in Gen.Choose('1', '9') from rest in Digits(4, 9) select (char)first + rest;

    private static Gen<string> Mobiles => from seg in Gen.Elements("138", "139", "150", "186", "199") from rest in Digits(8, 8) select seg + rest;

    private static Gen<string> Letters(int min, int max) =>
        from n in Gen.Choose(min, max)
        from cs in Gen.ArrayOf(Gen.Choose('a', 'z').Select(c => (char)c), n)
        select new string(cs);

    private static Gen<string> Emails => from local in Letters(3, 10) from host in Gen.Elements("example.com", "example.org", "qq.com") select $"{local}@{host}";

    private static Gen<string> AccountNames => from head in Letters(3, 10) from tail in Digits(1, 4) select head + tail;

    private static Gen<string> Passwords =>
        from n in Gen.Choose(5, 20)
        from cs in Gen.ArrayOf(Gen.Elements("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ0123456789".ToCharArray()), n)
        from symbol in Gen.Elements('!', '#', '$', '%', '&', '*', '+', '?', '_', '=')
        from at in Gen.Choose(0, n)
        select new string(cs).Insert(at, symbol.ToString()) + "Z9";

    private static Gen<(string Separator, List<(string Account, string Password)> Pairs)> Dumps =>
        from separator in Gen.Elements(Separators)
        from n in Gen.Choose(2, 8)
        from accounts in Gen.ListOf(separator == ":" ? Gen.OneOf(Qq, Mobiles, Emails) : Gen.OneOf(Qq, Mobiles, Emails, AccountNames), n)
        from passwords in Gen.ListOf(Passwords, n)
        select (separator, accounts.Zip(passwords).Select(p => (p.First, p.Second)).DistinctBy(p => p.First).ToList());

    private static string Write(string separator, List<(string Account, string Password)> pairs) =>
        string.Concat(pairs.Select(p => $"{p.Account}{separator}{p.Password}\n"));

    [Fact]
    public void Property_every_generated_dump_line_is_found_with_its_pair() =>
        Properties.Hold(Dumps, dump =>
        {
            var run = Scan(Write(dump.Separator, dump.Pairs));
            var expected = dump.Pairs.Select(p => Credential.Pair(p.Account, p.Password)!).ToList();
            Assert.Equal(expected, run.Pairs);
            Assert.Equal(dump.Pairs.Count, run.Credentials.Count);
        }, count: 200);

    [Fact]
    public void Property_no_password_appears_in_findings_report_or_examples() =>
        Properties.Hold(Dumps, dump =>
        {
            var run = Scan(Write(dump.Separator, dump.Pairs));
            var examples = string.Join("\n", run.Summary.Examples.Values.SelectMany(v => v));
            foreach (var (_, password) in dump.Pairs)
            {
                Assert.DoesNotContain(password, run.FindingsText, StringComparison.Ordinal);
                Assert.DoesNotContain(password, run.Html, StringComparison.Ordinal);
                Assert.DoesNotContain(password, examples, StringComparison.Ordinal);
            }
        }, count: 200);

    private static Gen<string> Hex => from n in Gen.Elements(16, 32, 40, 64) from cs in Gen.ArrayOf(Gen.Elements("0123456789abcdef".ToCharArray()), n) select new string(cs);

    private static Gen<string> Decoys => Gen.OneOf(
        // Hashes and order numbers without an account, alone or after an order word.
        from hs in Gen.ListOf(Hex, 3) from word in Gen.Elements("", "订单号 ", "交易号:", "md5 ") select string.Concat(hs.Select(h => word + h + "\n")),
        // Order numbers (too long for QQ) with hashes.
        from ids in Gen.ListOf(Digits(14, 20), 3) from hs in Gen.ListOf(Hex, 3) select string.Concat(ids.Zip(hs).Select(p => $"{p.First}----{p.Second}\n")),
        // QQ–mobile bindings and 料 lines: the second field is an identifier.
        from qqs in Gen.ListOf(Qq, 3) from ms in Gen.ListOf(Mobiles, 3) from sep in Gen.Elements(Separators) select string.Concat(qqs.Zip(ms).Select(p => $"{p.First}{sep}{p.Second}\n")),
        // Accounts with nothing, or a status word, after the separator.
        from qqs in Gen.ListOf(Qq, 3) from tail in Gen.Elements("", "正常", "冻结", "无", "ok") select string.Concat(qqs.Select(q => $"{q}----{tail}\n")));

    [Fact]
    public void Property_decoys_are_not_found() =>
        Properties.Hold(Decoys, text => Assert.Empty(Scan(text).Credentials), count: 200);
}
