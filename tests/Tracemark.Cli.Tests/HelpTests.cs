namespace Tracemark.Cli.Tests;

public sealed class HelpTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("identify", "--help")]
    [InlineData("synth", "--help")]
    [InlineData("publish", "--help")]
    [InlineData("serve", "--help")]
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

    [Fact]
    public void An_unknown_command_is_a_usage_error()
    {
        var r = Cli.Run("frobnicate");
        Assert.Equal(2, r.Exit);
        Assert.Contains("frobnicate", r.Error, StringComparison.Ordinal);
    }
}
