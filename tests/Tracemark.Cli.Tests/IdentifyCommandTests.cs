using System.Text.Json;

namespace Tracemark.Cli.Tests;

public sealed class IdentifyCommandTests
{
    [Fact]
    public void The_standard_example_prints_region_birth_date_and_sex()
    {
        var r = Cli.Run("identify", "11010519491231002X");
        Assert.Equal(0, r.Exit);
        Assert.Contains("resident ID number", r.Out, StringComparison.Ordinal);
        Assert.Contains("北京市朝阳区", r.Out, StringComparison.Ordinal);
        Assert.Contains("1949-12-31", r.Out, StringComparison.Ordinal);
        Assert.Contains("female", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Values_are_masked_unless_revealed()
    {
        var masked = Cli.Run("identify", "11010519491231002X");
        Assert.Contains("110105********002X", masked.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("11010519491231002X", masked.Out, StringComparison.Ordinal);
        Assert.Contains("--reveal", masked.Out, StringComparison.Ordinal);

        var revealed = Cli.Run("identify", "11010519491231002X", "--reveal");
        Assert.Contains("11010519491231002X", revealed.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("110105194912310021", "check character should be X")]
    [InlineData("110105194913310021", "month 13")]
    [InlineData("999999194912310021", "region 999999 is in no GB/T 2260 revision")]
    [InlineData("15412345678", "154 is not an assigned mobile segment")]
    public void Invalid_values_say_why_and_exit_1(string value, string reason)
    {
        var r = Cli.Run("identify", value);
        Assert.Equal(1, r.Exit);
        Assert.Contains(reason, r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_output_is_machine_readable()
    {
        var r = Cli.Run("identify", "11010519491231002X", "abc", "--json", "--as-of", "2020-01-01");
        Assert.Equal(1, r.Exit);
        using var doc = JsonDocument.Parse(r.Out);
        var first = doc.RootElement[0];
        Assert.Equal("cn_id", first.GetProperty("kind").GetString());
        Assert.True(first.GetProperty("valid").GetBoolean());
        Assert.Equal("110105********002X", first.GetProperty("canonical").GetString());
        Assert.Equal(70, first.GetProperty("facts").GetProperty("age").GetInt32());
        Assert.Equal("female", first.GetProperty("facts").GetProperty("sex").GetString());
        var second = doc.RootElement[1];
        Assert.Equal(JsonValueKind.Null, second.GetProperty("kind").ValueKind);
        Assert.False(second.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public void A_dash_reads_values_from_standard_input()
    {
        var r = Cli.RunWithInput("13800138000\n\n11010519491231002X\n", "identify", "-", "--json");
        Assert.Equal(0, r.Exit);
        // A stream is answered as JSON Lines: one object per value, in input order, blank lines skipped.
        var lines = r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        using var second = JsonDocument.Parse(lines[1]);
        Assert.Equal("mobile", first.RootElement.GetProperty("kind").GetString());
        Assert.Equal("cn_id", second.RootElement.GetProperty("kind").GetString());
    }

    [Fact]
    public void A_long_stream_keeps_input_order_across_batches_and_reports_any_invalid_value()
    {
        // More values than one batch (8,192), valid mobiles with one broken ID in the middle.
        var values = Enumerable.Range(0, 20_000).Select(i => i == 12_345 ? "110105194912310021" : $"138{i:D8}").ToList();
        var r = Cli.RunWithInput(string.Join('\n', values) + "\n", "identify", "-", "--json", "--reveal");
        Assert.Equal(1, r.Exit);
        var lines = r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(values.Count, lines.Length);
        for (var i = 0; i < values.Count; i += 997)
        {
            using var doc = JsonDocument.Parse(lines[i]);
            Assert.Equal(values[i], doc.RootElement.GetProperty("input").GetString());
        }

        using var bad = JsonDocument.Parse(lines[12_345]);
        Assert.Equal("check character should be X", bad.RootElement.GetProperty("reason").GetString());
    }

    [Fact]
    public void A_stream_without_json_prints_one_line_per_value_masked()
    {
        var r = Cli.RunWithInput("13800138000\nnot a value\n", "identify", "-");
        Assert.Equal(1, r.Exit);
        var lines = r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("138****8000\tmobile\tvalid", lines[0], StringComparison.Ordinal);
        Assert.Contains("unknown\tinvalid", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain("13800138000", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Chinese_full_width_input_is_understood()
    {
        var r = Cli.Run("identify", "１３８－００１３－８０００", "--json", "--reveal");
        using var doc = JsonDocument.Parse(r.Out);
        Assert.Equal("13800138000", doc.RootElement[0].GetProperty("canonical").GetString());
        Assert.Equal("China Mobile", doc.RootElement[0].GetProperty("facts").GetProperty("carrier").GetString());
    }

    [Fact]
    public void Missing_values_are_a_usage_error()
    {
        var r = Cli.Run("identify");
        Assert.Equal(2, r.Exit);
        Assert.Contains("tracemark", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_date_is_a_usage_error()
    {
        var r = Cli.Run("identify", "13800138000", "--as-of", "yesterday");
        Assert.Equal(2, r.Exit);
        Assert.Contains("yesterday", r.Error, StringComparison.Ordinal);
    }
}
