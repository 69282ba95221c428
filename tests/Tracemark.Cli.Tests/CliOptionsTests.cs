using System.CommandLine;
using System.Globalization;
using FsCheck.Fluent;
using Tracemark.Tests;

namespace Tracemark.Cli.Tests;

/// <summary>The shared option layer: value parsers, suggestions, and the usage check every command goes through.</summary>
public sealed class CliOptionsTests
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>Every option name of every command, as a user would type them.</summary>
    private static List<string> AllOptionNames()
    {
        var root = CliApp.Build(Terminal.Plain(TextWriter.Null, TextWriter.Null));
        var names = new List<string>();
        void Walk(Command c)
        {
            names.AddRange(c.Options.SelectMany(o => o.Aliases.Prepend(o.Name)));
            foreach (var sub in c.Subcommands)
            {
                Walk(sub);
            }
        }

        Walk(root);
        return [.. names.Distinct(StringComparer.Ordinal)];
    }

    [Fact]
    public void Whole_numbers_in_range_parse_to_themselves_and_others_are_refused()
    {
        Properties.Hold(Gen.Choose(-1000, 1000).Three(), t =>
        {
            var (a, b, n) = t;
            var (min, max) = (Math.Min(a, b), Math.Max(a, b));
            var problem = CliOptions.TryWhole(n.ToString(C), min, max, out var value);
            Assert.Equal(n >= min && n <= max, problem is null);
            if (problem is null)
            {
                Assert.Equal(n, value);
            }
        });
        Assert.NotNull(CliOptions.TryWhole("lots", 0, 10, out _));
        Assert.NotNull(CliOptions.TryWhole("1.5", 0, 10, out _));
        Assert.Null(CliOptions.TryWhole("10_000", 0, long.MaxValue, out var underscored));
        Assert.Equal(10_000, underscored);
    }

    [Fact]
    public void Numbers_in_range_parse_and_others_are_refused()
    {
        Properties.Hold(Gen.Choose(-2000, 2000), n =>
        {
            var x = n / 1000.0;
            var problem = CliOptions.TryNumber(x.ToString("R", C), 0, 1, out var value);
            Assert.Equal(x is >= 0 and <= 1, problem is null);
            Assert.Equal(x, value, 12);
        });
        Assert.NotNull(CliOptions.TryNumber("NaN", 0, 1, out _));
        Assert.NotNull(CliOptions.TryNumber("high", 0, 1, out _));
    }

    [Fact]
    public void Dates_parse_as_written_and_future_dates_are_refused()
    {
        var today = new DateOnly(2026, 6, 15);
        Properties.Hold(Gen.Choose(-4000, 4000), offset =>
        {
            var date = today.AddDays(offset);
            var problem = CliOptions.TryDate(date.ToString("yyyy-MM-dd", C), today, out var parsed);
            Assert.Equal(offset <= 0, problem is null);
            Assert.Equal(date, parsed);
            if (offset > 0)
            {
                Assert.Contains("in the future", problem, StringComparison.Ordinal);
            }

            Assert.Null(CliOptions.TryDate(date.ToString("yyyy-MM-dd", C), null, out _));
        });
        Assert.Contains("YYYY-MM-DD", CliOptions.TryDate("2026-13-01", null, out _), StringComparison.Ordinal);
        Assert.Contains("YYYY-MM-DD", CliOptions.TryDate("1/2/2026", null, out _), StringComparison.Ordinal);
    }

    [Fact]
    public void Distance_is_a_metric_and_one_typo_is_one_edit()
    {
        var word = Gen.Elements("abcdefghij-".ToCharArray()).ArrayOf().Select(a => new string(a));
        Properties.Hold(Gen.Zip(word, word), t =>
        {
            var (a, b) = t;
            Assert.Equal(0, Suggestions.Distance(a, a));
            Assert.Equal(Suggestions.Distance(a, b), Suggestions.Distance(b, a));
            Assert.InRange(Suggestions.Distance(a, b), Math.Abs(a.Length - b.Length), Math.Max(a.Length, b.Length));
            if (a.Length >= 2)
            {
                Assert.Equal(1, Suggestions.Distance(a, a[1..]));
                var swapped = string.Concat(a[1], a[0], a[2..]);
                Assert.True(Suggestions.Distance(a, swapped) <= 1);
            }
        });
    }

    [Fact]
    public void Every_option_typed_with_one_letter_missing_is_suggested_back()
    {
        var names = AllOptionNames().Where(n => n.StartsWith("--", StringComparison.Ordinal)).ToList();
        // A name of two or three letters less one is too short to guess from (--id → --i).
        Properties.Hold(Gen.Elements(names.Where(n => n.Length >= 6).ToArray()).SelectMany(n => Gen.Choose(2, n.Length - 1).Select(i => (n, i))), t =>
        {
            var (name, at) = t;
            var typo = name.Remove(at, 1);
            var suggested = Suggestions.Nearest(typo, names);
            Assert.NotNull(suggested);
            // Another option may be as near (--seen / --seed); the suggestion is never further than the truth.
            Assert.True(Suggestions.Distance(typo.TrimStart('-'), suggested!.TrimStart('-')) <= 1, $"{typo} → {suggested}");
        });
        Assert.Null(Suggestions.Nearest("--frobnicate", names));
    }

    [Theory]
    [InlineData("-", false)]
    [InlineData("-5", false)]
    [InlineData("-.5", false)]
    [InlineData("-o", true)]
    [InlineData("--json", true)]
    [InlineData("--findings=f.jsonl", true)]
    [InlineData("leak.csv", false)]
    public void Options_are_told_from_stdin_and_negative_numbers(string token, bool option) =>
        Assert.Equal(option, Usage.LooksLikeOption(token));

    [Fact]
    public void A_mistyped_option_is_a_usage_error_before_any_work_not_an_input_path()
    {
        using var dir = new TempDir("cli-usage");
        var r = Cli.Run("scan", "--finding", dir.File("f.jsonl"), dir.Path);
        Assert.Equal(2, r.Exit);
        Assert.Equal(string.Empty, r.Out);
        Assert.Equal("tracemark scan: unknown option '--finding'; did you mean '--findings'? (see tracemark scan --help)", r.Error.TrimEnd());
        Assert.False(File.Exists(dir.File("f.jsonl")));
    }

    [Fact]
    public void Enumerated_values_are_lower_case_words_and_a_near_miss_is_suggested()
    {
        var r = Cli.Run("intel", "x.jsonl", "--format", "jsonlines");
        Assert.Equal(2, r.Exit);
        Assert.Contains("--format takes one of auto, telegram, qq, jsonl, plain, wechat, not 'jsonlines'", r.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Tracemark.", r.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("publish", "IN", "--out", "o", "--prefix-bits", "20")]
    [InlineData("ingest", "IN", "--name", "n", "--category", "courier", "--seen", "2099-01-01")]
    [InlineData("eval", "trace", "--repeats", "0")]
    [InlineData("canary", "issue", "--channel", "c", "--count", "many")]
    [InlineData("scan", "IN", "--min-confidence", "1.5")]
    [InlineData("scan", "IN", "--findings", "/nonexistent-folder/f.jsonl")]
    [InlineData("synth", "--records", "-5")]
    public void Bad_values_are_usage_errors_in_one_line_naming_the_option(params string[] args)
    {
        using var dir = new TempDir("cli-usage");
        Directory.CreateDirectory(dir.Path);
        File.WriteAllText(dir.File("in.csv"), "姓名,手机\n张三,13800138000\n");
        var r = Cli.Run([.. args.Select(a => a == "IN" ? dir.File("in.csv") : a)]);
        Assert.Equal(2, r.Exit);
        Assert.Equal(string.Empty, r.Out);
        var line = Assert.Single(r.Error.TrimEnd().Split('\n'));
        Assert.Contains(args[^2], line, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", line, StringComparison.Ordinal);
    }
}
