using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Spectre.Console;
using Tracemark.Identifiers;

namespace Tracemark.Cli.Commands;

/// <summary>`tracemark identify VALUE...`: what kind of identifier each value is, whether it is valid, and what it says.</summary>
internal static class IdentifyCommand
{
    private const string Summary = "Identify values: the kind, valid or not and exactly why, and what they say (region, birth date, carrier, bank).";

    /// <summary>The command (one-line description) and the details its --help adds.</summary>
    public static (Command Command, string Details) Create(Terminal terminal)
    {
        var values = new Argument<string[]>("value")
        {
            Arity = ArgumentArity.OneOrMore,
            Description = "Values to identify (quote values with spaces). Use - to read one value per line from standard input.",
        };
        var json = new Option<bool>("--json") { Description = "Print a JSON array instead of a table." };
        var reveal = new Option<bool>("--reveal") { Description = "Show values in full (masked by default, e.g. 110105********002X)." };
        var asOf = new Option<DateOnly?>("--as-of")
        {
            Description = "Compute ages and 'birth date in the future' as of this date (YYYY-MM-DD), e.g. the day a leak was seen.",
            HelpName = "DATE",
        };
        var details = """
            Identify values: resident ID (18 or 15 digits), mobile, landline, bank card, e-mail, QQ, social credit code,
            passport, home-return permit, Hong Kong and Taiwan IDs, plates, waybills, names, addresses and masked forms.
            Invalid values say exactly why ("check character should be X", "month 13", "154 is not an assigned mobile segment").

            Examples:
              tracemark identify 11010519491231002X
              tracemark identify "+86 138-0013-8000" 6222020200112233445 --reveal
              tracemark identify 440524800101001 --as-of 2020-06-01 --json
              cat values.txt | tracemark identify -

            Exit status: 0 when every value is valid, 1 when any is invalid or unrecognized, 2 on usage errors.
            """;
        var command = new Command("identify", Summary)
        {
            values, json, reveal, asOf,
        };
        command.SetAction(parse =>
        {
            var inputs = Expand(parse.GetValue(values) ?? [], terminal);
            var today = parse.GetValue(asOf) ?? DateOnly.FromDateTime(DateTime.Now);
            var results = inputs.Select(v => Identifier.Identify(v, today)).ToList();
            if (parse.GetValue(json))
            {
                WriteJson(terminal.Out, results, parse.GetValue(reveal));
            }
            else
            {
                WriteTable(terminal.Console, results, parse.GetValue(reveal));
            }

            return results.All(r => r.IsValid) ? ExitCodes.Ok : ExitCodes.InputProblems;
        });
        return (command, details);
    }

    private static List<string> Expand(string[] values, Terminal terminal)
    {
        var list = new List<string>();
        foreach (var v in values)
        {
            if (v == "-")
            {
                using var reader = new StreamReader(terminal.Input, System.Text.Encoding.UTF8);
                while (reader.ReadLine() is { } line)
                {
                    if (line.Trim().Length > 0)
                    {
                        list.Add(line.Trim());
                    }
                }
            }
            else
            {
                list.Add(v);
            }
        }

        if (list.Count == 0)
        {
            terminal.Error.WriteLine("tracemark identify: no values given");
        }

        return list;
    }

    private static string Shown(Identification r, bool reveal) =>
        reveal ? r.Input : r.Kind is { } k ? Masking.Mask(k, r.Canonical ?? r.Input) : Masking.MaskUnknown(r.Input);

    private static string FactValue(Fact f, bool reveal) =>
        reveal || f.Masked is not { } kind ? f.Value : Masking.Mask(kind, f.Value);

    private static void WriteTable(IAnsiConsole console, List<Identification> results, bool reveal)
    {
        foreach (var r in results)
        {
            var kind = r.Kind is { } k ? Markup.Escape(k.Label()) : "[grey]unknown[/]";
            var result = r.IsValid ? "[green]valid[/]" : "[red]invalid[/]: " + Markup.Escape(r.Reason);
            console.MarkupLine($"[bold]{Markup.Escape(Shown(r, reveal))}[/]  {kind}  {result}");
            var grid = new Grid().AddColumn(new GridColumn().PadLeft(2).PadRight(2).NoWrap()).AddColumn();
            foreach (var f in r.Facts)
            {
                grid.AddRow(new Text(f.Label, new Style(Color.Grey)), new Text(FactValue(f, reveal)));
            }

            if (r.Alternatives.Count > 0)
            {
                grid.AddRow(new Text("also fits", new Style(Color.Grey)), new Text(string.Join(", ", r.Alternatives.Select(a => a.Label()))));
            }

            if (grid.Rows.Count > 0)
            {
                console.Write(grid);
            }
        }

        if (!reveal)
        {
            console.MarkupLine("[grey]Values are masked; add --reveal to show them in full.[/]");
        }
    }

    private static void WriteJson(TextWriter output, List<Identification> results, bool reveal)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            foreach (var r in results)
            {
                json.WriteStartObject();
                json.WriteString("input", Shown(r, reveal));
                if (r.Kind is { } kind)
                {
                    json.WriteString("kind", kind.Code());
                }
                else
                {
                    json.WriteNull("kind");
                }

                json.WriteBoolean("valid", r.IsValid);
                if (r.Canonical is { } canonical && r.Kind is { } k)
                {
                    json.WriteString("canonical", reveal ? canonical : Masking.Mask(k, canonical));
                }
                else
                {
                    json.WriteNull("canonical");
                }

                json.WriteString("reason", r.Reason);
                json.WriteStartObject("facts");
                foreach (var f in r.Facts)
                {
                    if (f.Key == "age" && int.TryParse(f.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var age))
                    {
                        json.WriteNumber(f.Key, age);
                    }
                    else
                    {
                        json.WriteString(f.Key, FactValue(f, reveal));
                    }
                }

                json.WriteEndObject();
                json.WriteStartArray("also");
                foreach (var a in r.Alternatives)
                {
                    json.WriteStringValue(a.Code());
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
