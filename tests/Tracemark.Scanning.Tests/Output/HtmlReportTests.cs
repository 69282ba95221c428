using System.Text;
using Tracemark.Scanning.Output;

namespace Tracemark.Scanning.Tests.Output;

public sealed class HtmlReportTests
{
    private static string Report(bool reveal)
    {
        var r = Scans.Files(
            ("leak.csv", Scans.Utf8("姓名,手机号,身份证号\n张三,13800138000,11010519491231002X\n")),
            ("photo.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]));
        using var buffer = new MemoryStream();
        HtmlReport.Write(r.Summary, buffer, reveal);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    [Fact]
    public void The_report_is_self_contained_and_masks_identifiers()
    {
        var html = Report(reveal: false);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("13800138000", html, StringComparison.Ordinal);
        Assert.Contains("138****8000", html, StringComparison.Ordinal);
        Assert.Contains("110105********002X", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_report_has_totals_tiers_victims_columns_and_problems()
    {
        var html = Report(reveal: false);
        Assert.Contains("法律评估", html, StringComparison.Ordinal);
        Assert.Contains("北京市", html, StringComparison.Ordinal);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains("身份证号", html, StringComparison.Ordinal);
        Assert.Contains("photo.png", html, StringComparison.Ordinal);
        Assert.Contains("PNG image", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Reveal_shows_values_in_full() => Assert.Contains("13800138000", Report(reveal: true), StringComparison.Ordinal);
}
