namespace Tracemark.Cli.Tests;

/// <summary>Runs `tracemark` in-process with captured output.</summary>
internal static class Cli
{
    public sealed record Result(int Exit, string Out, string Error);

    public static Result RunWithInput(string stdin, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = CliApp.RunAsync(args, Terminal.Plain(output, error, System.Text.Encoding.UTF8.GetBytes(stdin), width: 200)).GetAwaiter().GetResult();
        return new Result(exit, output.ToString(), error.ToString());
    }

    public static Result Run(params string[] args) => RunWithInput(string.Empty, args);
}
