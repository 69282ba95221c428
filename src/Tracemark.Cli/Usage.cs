using System.CommandLine;
using System.CommandLine.Parsing;

namespace Tracemark.Cli;

/// <summary>Near misses: the known name a mistyped one most likely meant, by edit distance.</summary>
internal static class Suggestions
{
    /// <summary>
    /// The candidate nearest to <paramref name="given"/> (optimal string alignment distance, a swap of two
    /// neighbours counting once), if it is near enough to be a typo: at most one edit in four characters, at most 3;
    /// or the only candidate that starts with it. Null when nothing is near.
    /// </summary>
    public static string? Nearest(string given, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(given);
        ArgumentNullException.ThrowIfNull(candidates);
        var core = given.TrimStart('-');
        string? best = null;
        var bestDistance = int.MaxValue;
        var prefixed = new List<string>();
        foreach (var candidate in candidates.Distinct(StringComparer.Ordinal))
        {
            var candidateCore = candidate.TrimStart('-');
            if (core.Length >= 2 && candidateCore.StartsWith(core, StringComparison.OrdinalIgnoreCase))
            {
                prefixed.Add(candidate);
            }

            var d = Distance(core.ToLowerInvariant(), candidateCore.ToLowerInvariant());
            if (d < bestDistance || (d == bestDistance && best is not null && string.CompareOrdinal(candidate, best) < 0))
            {
                best = candidate;
                bestDistance = d;
            }
        }

        var allowed = Math.Min(3, Math.Max(1, core.Length / 4));
        if (best is not null && bestDistance <= allowed && bestDistance < core.Length)
        {
            return best;
        }

        return prefixed.Count == 1 ? prefixed[0] : null;
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps.</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}

/// <summary>
/// The usage check every command goes through before it runs (docs/cli.md): an unknown option is an error, not an
/// input path, with the nearest known option suggested; `--` ends options; each problem is one line naming the
/// command and the option.
/// </summary>
internal static class Usage
{
    /// <summary>The usage problems of a parsed command line, one message each; empty when it may run.</summary>
    public static IReadOnlyList<string> Problems(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var command = parse.CommandResult.Command;
        var where = CommandPath(parse.CommandResult);
        var unknown = new List<string>();
        var consumed = new HashSet<Token>(ReferenceEqualityComparer.Instance);
        CollectOptionValues(parse.RootCommandResult, consumed);
        var unmatched = new HashSet<string>(parse.UnmatchedTokens, StringComparer.Ordinal);
        foreach (var token in parse.Tokens)
        {
            if (token.Type == TokenType.DoubleDash)
            {
                break;
            }

            if (token.Type != TokenType.Argument || consumed.Contains(token))
            {
                continue;
            }

            var value = token.Value;
            if (LooksLikeOption(value))
            {
                var name = value.Split('=', 2)[0];
                var near = Suggestions.Nearest(name, KnownOptions(parse.CommandResult));
                unknown.Add($"{where}: unknown option '{name}'{(near is null ? string.Empty : $"; did you mean '{near}'?")} (see {where} --help)");
            }
            else if (unmatched.Contains(value) && unknown.Count == 0)
            {
                var near = Suggestions.Nearest(value, command.Subcommands.SelectMany(c => c.Aliases.Prepend(c.Name)));
                var what = command.Subcommands.Count > 0 ? "unknown command" : "unexpected argument";
                unknown.Add($"{where}: {what} '{value}'{(near is null ? string.Empty : $"; did you mean '{near}'?")} (see {where} --help)");
            }
        }

        // An unknown option also shows up as a bad input path; it alone is the mistake to report.
        if (unknown.Count > 0)
        {
            return unknown;
        }

        return [.. parse.Errors
            .Where(e => !e.Message.StartsWith("Unrecognized command or argument", StringComparison.Ordinal))
            .Select(e => $"{where}: {Reword(e)}")
            .Distinct(StringComparer.Ordinal)];
    }

    /// <summary>`--x`, `-x` or `--x=value`, but not `-` (standard input) and not a negative number.</summary>
    internal static bool LooksLikeOption(string token) =>
        token.Length > 1 && token[0] == '-' && !(char.IsAsciiDigit(token[1]) || (token[1] == '.' && token.Length > 2 && char.IsAsciiDigit(token[2])));

    private static void CollectOptionValues(SymbolResult result, HashSet<Token> consumed)
    {
        if (result is OptionResult option)
        {
            foreach (var token in option.Tokens)
            {
                consumed.Add(token);
            }

            return;
        }

        if (result is CommandResult command)
        {
            foreach (var child in command.Children)
            {
                CollectOptionValues(child, consumed);
            }
        }
    }

    private static IEnumerable<string> KnownOptions(CommandResult here)
    {
        foreach (var option in here.Command.Options)
        {
            yield return option.Name;
            foreach (var alias in option.Aliases)
            {
                yield return alias;
            }
        }

        for (var parent = here.Parent as CommandResult; parent is not null; parent = parent.Parent as CommandResult)
        {
            foreach (var option in parent.Command.Options.Where(o => o.Recursive))
            {
                yield return option.Name;
            }
        }
    }

    /// <summary>`tracemark scan`, `tracemark datasets rm`: how messages name the command.</summary>
    internal static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? r = result; r is CommandResult c; r = c.Parent)
        {
            names.Add(c.Parent is null ? "tracemark" : c.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    // System.CommandLine's own messages, in the project's voice: lower case, no full stop, the placeholder named.
    private static string Reword(ParseError error)
    {
        var message = error.Message.TrimEnd('.');
        if (error.SymbolResult is ArgumentResult { Argument: { } argument } && message.StartsWith("Required argument", StringComparison.Ordinal))
        {
            return $"give at least one {argument.Name.ToUpperInvariant()}";
        }

        if (message.StartsWith("Option '", StringComparison.Ordinal) && message.EndsWith("' is required", StringComparison.Ordinal))
        {
            return $"{message["Option '".Length..^"' is required".Length]} is required";
        }

        return message.Length > 0 && char.IsUpper(message[0]) && (message.Length == 1 || !char.IsUpper(message[1]))
            ? char.ToLowerInvariant(message[0]) + message[1..]
            : message;
    }
}
