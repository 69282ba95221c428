namespace Tracemark.Cli.Tests;

public sealed class HelpTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("identify", "--help")]
    [InlineData("synth", "--help")]
    [InlineData("publish", "--help")]
    [InlineData("serve", "--help")]
    [InlineData("server", "--help")]
    [InlineData("check", "--help")]
    [InlineData("intel", "--help")]
    [InlineData("store", "--help")]
    [InlineData("redact", "--help")]
    public void Help_teaches_with_examples(params string[] args)
    {
        var r = Cli.Run(args);
        Assert.Equal(0, r.Exit);
        Assert.Contains("tracemark", r.Out, StringComparison.Ordinal);
        if (args.Length > 1)
        {
            Assert.Contains("Examples:", r.Out, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("scan")]
    [InlineData("intel")]
    [InlineData("redact")]
    [InlineData("ingest")]
    [InlineData("canary", "issue")]
    public void Help_names_placeholders_in_capitals_and_defaults_as_they_are_typed(params string[] command)
    {
        var help = Cli.Run([.. command, "--help"]).Out;
        // Values are typed in lower case (--color auto, --format jsonl): defaults are shown the same way, never as
        // an enum prints (Auto, JsonLines); placeholders are FILE, DIR, N … (docs/cli.md).
        Assert.DoesNotMatch(@"\[default: [A-Z][a-z]", help);
        Assert.DoesNotMatch(@"<[a-z]+>", help);
        Assert.Contains("[default: auto]", help, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_command_is_a_usage_error()
    {
        var r = Cli.Run("frobnicate");
        Assert.Equal(2, r.Exit);
        Assert.Contains("frobnicate", r.Error, StringComparison.Ordinal);
    }
}
