using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Tracemark.Cli;

/// <summary>
/// Every option and input argument of every command is made here, so that all of them parse and check their
/// values the same way, before any work starts (docs/cli.md): a bad value is a usage error (exit 2) whose one-line
/// message names the option and says what it takes. Placeholders are FILE, DIR, DATE, N, X, URL, NAME.
/// </summary>
internal static class CliOptions
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>`--json`: data as JSON on standard output instead of tables.</summary>
    public static Option<bool> Json(string description = "Print the result as JSON on standard output instead of tables.") => new("--json") { Description = description };

    /// <summary>A file to write; its folder must exist.</summary>
    public static Option<string?> OutputFile(string name, string description, string helpName = "FILE", params string[] aliases)
    {
        var option = new Option<string?>(name, aliases) { Description = description, HelpName = helpName };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } path && WritableFileProblem(path) is { } problem)
            {
                result.AddError($"{name} {path}: {problem}");
            }
        });
        return option;
    }

    /// <summary>A folder to write into (created with its parents); it must not be a file.</summary>
    public static Option<string> OutputFolder(string name, string description, string defaultValue, params string[] aliases)
    {
        var option = new Option<string>(name, aliases) { Description = description, HelpName = "DIR", DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            var path = result.GetValueOrDefault<string>();
            if (path is not null && File.Exists(path))
            {
                result.AddError($"{name} {path}: is a file, not a folder");
            }
        });
        return option;
    }

    /// <summary>A file to read; it must exist.</summary>
    public static Option<string?> InputFile(string name, string description, string helpName = "FILE")
    {
        var option = new Option<string?>(name) { Description = description, HelpName = helpName };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } path && ReadableFileProblem(path) is { } problem)
            {
                result.AddError($"{name} {path}: {problem}");
            }
        });
        return option;
    }

    /// <summary>
    /// Input paths: files, folders, or - for standard input. When none of them exists, that is the mistake (one line
    /// per path, nothing done); when some do, the command reads those and lists the rest as problems (exit 1), as
    /// ripgrep does.
    /// </summary>
    public static Argument<string[]> Inputs(string name, string description, bool folders = true, bool stdin = true)
    {
        var argument = new Argument<string[]>(name) { Arity = ArgumentArity.OneOrMore, Description = description };
        argument.Validators.Add(result =>
        {
            var problems = new List<string>();
            foreach (var token in result.Tokens)
            {
                var path = token.Value;
                var problem = (path == "-" && stdin) || (folders && Directory.Exists(path)) ? null : ReadableFileProblem(path);
                if (problem is null)
                {
                    return;
                }

                problems.Add($"{path}: {problem}");
            }

            foreach (var problem in problems)
            {
                result.AddError(problem);
            }
        });
        return argument;
    }

    /// <summary>A whole number between <paramref name="min"/> and <paramref name="max"/>.</summary>
    public static Option<int> Int(string name, string description, int defaultValue, int min, int max = int.MaxValue, string helpName = "N", params string[] aliases)
    {
        var option = new Option<int>(name, aliases) { Description = description, HelpName = helpName, DefaultValueFactory = _ => defaultValue };
        option.CustomParser = result => (int)ParseWhole(result, name, min, max);
        return option;
    }

    /// <summary>A whole number (64-bit) between <paramref name="min"/> and <paramref name="max"/>.</summary>
    public static Option<long> Long(string name, string description, long defaultValue, long min, long max = long.MaxValue, string helpName = "N", params string[] aliases)
    {
        var option = new Option<long>(name, aliases) { Description = description, HelpName = helpName, DefaultValueFactory = _ => defaultValue };
        option.CustomParser = result => ParseWhole(result, name, min, max);
        return option;
    }

    /// <summary>A number between <paramref name="min"/> and <paramref name="max"/> (a share, a probability).</summary>
    public static Option<double> Number(string name, string description, double defaultValue, double min, double max, string helpName = "X")
    {
        var option = new Option<double>(name) { Description = description, HelpName = helpName, DefaultValueFactory = _ => defaultValue };
        option.CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
            if (TryNumber(text, min, max, out var value) is { } problem)
            {
                result.AddError($"{name} takes {problem}, not '{text}'");
            }

            return value;
        };
        return option;
    }

    /// <summary>A calendar date as YYYY-MM-DD; unless <paramref name="future"/>, not after today.</summary>
    public static Option<DateOnly?> Date(string name, string description, bool future = false, Func<DateOnly>? today = null)
    {
        var option = new Option<DateOnly?>(name) { Description = description, HelpName = "DATE" };
        option.CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
            if (TryDate(text, future ? null : (today ?? Today)(), out var date) is { } problem)
            {
                result.AddError($"{name} {problem}");
                return null;
            }

            return date;
        };
        return option;
    }

    /// <summary>One of a few named values, written in lower case with hyphens (`--format jsonl`).</summary>
    public static Option<T> Choice<T>(string name, string description, T defaultValue, IReadOnlyDictionary<string, T> names)
    {
        // The default is named as it is typed (auto), not as the value prints (Auto): help would show the enum's name.
        var defaultName = defaultValue is null ? null : names.FirstOrDefault(n => EqualityComparer<T>.Default.Equals(n.Value, defaultValue)).Key;
        var option = new Option<T>(name)
        {
            Description = description + " One of: " + string.Join(", ", names.Keys) + "." + (defaultName is null ? string.Empty : $" [default: {defaultName}]"),
            HelpName = string.Join('|', names.Keys),
        };
        if (defaultValue is not null && !EqualityComparer<T>.Default.Equals(defaultValue, default))
        {
            option.DefaultValueFactory = _ => defaultValue;
        }

        option.CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
            if (names.TryGetValue(text.ToLowerInvariant(), out var value))
            {
                return value;
            }

            var near = Suggestions.Nearest(text.ToLowerInvariant(), names.Keys);
            result.AddError($"{name} takes one of {string.Join(", ", names.Keys)}, not '{text}'{(near is null ? string.Empty : $"; did you mean '{near}'?")}");
            return defaultValue;
        };
        option.CompletionSources.Add(names.Keys.ToArray());
        return option;
    }

    /// <summary>Why a whole number is refused, or null; the value parsed.</summary>
    internal static string? TryWhole(string text, long min, long max, out long value)
    {
        var what = max == long.MaxValue || max == int.MaxValue ? $"a whole number of at least {min.ToString("N0", C)}" : $"a whole number from {min.ToString("N0", C)} to {max.ToString("N0", C)}";
        if (!long.TryParse(text.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.AllowLeadingSign, C, out value))
        {
            return what;
        }

        return value < min || value > max ? what : null;
    }

    /// <summary>Why a number is refused, or null; the value parsed.</summary>
    internal static string? TryNumber(string text, double min, double max, out double value)
    {
        var what = $"a number from {min.ToString(C)} to {max.ToString(C)}";
        if (!double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, C, out value) || double.IsNaN(value))
        {
            return what;
        }

        return value < min || value > max ? what : null;
    }

    /// <summary>Why a date is refused, or null; the date parsed. A date after <paramref name="latest"/> is refused.</summary>
    internal static string? TryDate(string text, DateOnly? latest, out DateOnly date)
    {
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", C, DateTimeStyles.None, out date))
        {
            return $"takes a date as YYYY-MM-DD, not '{text}'";
        }

        return date > latest ? $"{text} is in the future (today is {latest.Value.ToString("yyyy-MM-dd", C)})" : null;
    }

    private static DateOnly Today() => DateOnly.FromDateTime(DateTime.Now);

    private static long ParseWhole(ArgumentResult result, string name, long min, long max)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (TryWhole(text, min, max, out var value) is { } problem)
        {
            result.AddError($"{name} takes {problem}, not '{text}'");
        }

        return value;
    }

    /// <summary>Why a file cannot be read, in words, or null.</summary>
    internal static string? ReadableFileProblem(string path)
    {
        if (File.Exists(path))
        {
            return null;
        }

        if (Directory.Exists(path))
        {
            return "is a folder, not a file";
        }

        return "no such file or folder";
    }

    /// <summary>Why a file cannot be written, in words, or null.</summary>
    internal static string? WritableFileProblem(string path)
    {
        if (Directory.Exists(path))
        {
            return "is a folder, not a file";
        }

        var parent = Path.GetDirectoryName(Path.GetFullPath(path));
        return parent is not null && !Directory.Exists(parent) ? $"the folder {parent} does not exist" : null;
    }
}
