using System.Buffers;
using System.CommandLine;
using System.Text;
using System.Text.Json;
using Spectre.Console;
using Tracemark.Identifiers;
using Tracemark.Reports;

namespace Tracemark.Cli.Commands;

/// <summary>`tracemark identify VALUE...`: what kind of identifier each value is, whether it is valid, and what it says.</summary>
internal static class IdentifyCommand
{
    private const string Summary = "Identify values: the kind, valid or not and exactly why, and what they say (region, birth date, carrier, bank).";

    /// <summary>The command (one-line description) and the details its --help adds.</summary>
    public static (Command Command, string Details) Create(Terminal terminal)
    {
        var values = new Argument<string[]>("VALUE")
        {
            Arity = ArgumentArity.OneOrMore,
            Description = "Values to identify (quote values with spaces). Use - to read one value per line from standard input.",
        };
        var json = CliOptions.Json("Print JSON instead of a table: an array, or with - one object per line (JSON Lines) as values come.");
        var reveal = new Option<bool>("--reveal") { Description = "Show values in full (masked by default, e.g. 110105********002X)." };
        var asOf = CliOptions.Date("--as-of", "Compute ages and 'birth date in the future' as of this date (YYYY-MM-DD), e.g. the day a leak was seen.", future: true);
        var details = """
            Identify values: resident ID (18 or 15 digits), mobile, landline, bank card, e-mail, QQ, social credit code,
            passports (mainland, Hong Kong and Macau SAR), home-return permit, travel permit to Hong Kong/Macau
            (往来港澳通行证), Hong Kong and Taiwan IDs, Taiwan resident certificates, plates, waybills, names, addresses
            and masked forms.
            Invalid values say exactly why ("check character should be X", "month 13", "154 is not an assigned mobile segment").

            Examples:
              tracemark identify 11010519491231002X
              tracemark identify "+86 138-0013-8000" 6222020200112233445 --reveal
              tracemark identify 440524800101001 --as-of 2020-06-01 --json
              cat values.txt | tracemark identify -
              tracemark identify - --json < values.txt > identified.jsonl

            With - the values are read one per line from standard input and answered as they come, in input order:
            one line per value, or with --json one JSON object per line (JSON Lines). Memory stays small whatever the
            input's length; both cores identify.

            Exit status: 0 when every value is valid, 1 when any is invalid or unrecognized, 2 on usage errors.
            """;
        var command = new Command("identify", Summary)
        {
            values, json, reveal, asOf,
        };
        command.SetAction(parse =>
        {
            var given = parse.GetValue(values) ?? [];
            if (given.Contains("-"))
            {
                return Stream(given, terminal, parse.GetValue(asOf) ?? DateOnly.FromDateTime(DateTime.Now), parse.GetValue(json), parse.GetValue(reveal));
            }

            var inputs = Expand(given, terminal);
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

    private const int BatchLines = 8192;

    // Values in batches: each batch is identified on every core and its answers written before the next batch is
    // read, so memory is bounded by the batch, not the input.
    private static int Stream(string[] given, Terminal terminal, DateOnly today, bool json, bool reveal)
    {
        var anyInvalid = false;
        var any = false;
        var batch = new List<string>(BatchLines);
        var workers = Math.Max(1, Environment.ProcessorCount);
        var parts = Enumerable.Range(0, workers).Select(_ => new Part()).ToArray();

        void Flush()
        {
            if (batch.Count == 0)
            {
                return;
            }

            any = true;
            var invalid = 0;
            var per = (batch.Count + workers - 1) / workers;
            Parallel.For(0, workers, w =>
            {
                var part = parts[w];
                part.Clear();
                for (var i = w * per; i < Math.Min(batch.Count, (w + 1) * per); i++)
                {
                    var r = Identifier.Identify(batch[i], today);
                    if (!r.IsValid)
                    {
                        Interlocked.Increment(ref invalid);
                    }

                    if (json)
                    {
                        part.Json.Reset(part.Bytes);
                        ReportJson.Write(IdentifyReport.From(r, reveal), part.Json);
                        part.Json.Flush();
                        part.Bytes.Write("\n"u8);
                    }
                    else
                    {
                        WriteLine(part.Text, r, reveal);
                    }
                }

                part.Decode();
            });
            foreach (var part in parts)
            {
                part.WriteTo(terminal.Out);
            }

            terminal.Out.Flush();
            anyInvalid |= invalid > 0;
            batch.Clear();
        }

        foreach (var v in given)
        {
            if (v != "-")
            {
                batch.Add(v);
                continue;
            }

            using var reader = new StreamReader(terminal.Input, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
            while (reader.ReadLine() is { } line)
            {
                var value = line.Trim();
                if (value.Length > 0)
                {
                    batch.Add(value);
                    if (batch.Count == BatchLines)
                    {
                        Flush();
                    }
                }
            }
        }

        Flush();
        if (!any)
        {
            terminal.Error.WriteLine("tracemark identify: no values given");
            return ExitCodes.InputProblems;
        }

        return anyInvalid ? ExitCodes.InputProblems : ExitCodes.Ok;
    }

    // One worker's answers to its share of a batch; buffers are kept from batch to batch.
    private sealed class Part
    {
        private char[] _chars = new char[1 << 16];
        private int _length;

        public ArrayBufferWriter<byte> Bytes { get; } = new(1 << 16);

        public Utf8JsonWriter Json { get; }

        public StringBuilder Text { get; } = new();

        public Part()
        {
            Json = ReportJson.LineWriter(Bytes);
        }

        public void Clear()
        {
            Bytes.ResetWrittenCount();
            Text.Clear();
            _length = 0;
        }

        // JSON is written as UTF-8; the terminal's writer takes characters, decoded into a reused buffer.
        public void Decode()
        {
            var bytes = Bytes.WrittenSpan;
            if (bytes.IsEmpty)
            {
                return;
            }

            var need = Encoding.UTF8.GetMaxCharCount(bytes.Length);
            if (_chars.Length < need)
            {
                _chars = new char[need];
            }

            _length = Encoding.UTF8.GetChars(bytes, _chars);
        }

        public void WriteTo(TextWriter output)
        {
            output.Write(_chars, 0, _length);
            foreach (var chunk in Text.GetChunks())
            {
                output.Write(chunk.Span);
            }
        }
    }

    // One value per line for people reading a stream: value, kind, verdict, then the facts as key=value.
    private static void WriteLine(StringBuilder output, Identification r, bool reveal)
    {
        output.Append(Shown(r, reveal)).Append('\t').Append(r.Kind is { } k ? k.Code() : "unknown").Append('\t')
            .Append(r.IsValid ? "valid" : "invalid: " + r.Reason);
        foreach (var f in r.Facts)
        {
            output.Append('\t').Append(f.Key).Append('=').Append(FactValue(f, reveal));
        }

        if (r.Alternatives.Count > 0)
        {
            output.Append("\talso=").AppendJoin(',', r.Alternatives.Select(a => a.Code()));
        }

        output.Append('\n');
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

    private static string Shown(Identification r, bool reveal) => IdentifyReport.Shown(r, reveal);

    private static string FactValue(Fact f, bool reveal) => IdentifyReport.FactValue(f, reveal);

    private static void WriteTable(IAnsiConsole console, List<Identification> results, bool reveal)
    {
        foreach (var r in results)
        {
            var kind = r.Kind is { } k ? Markup.Escape(k.Label()) : "[grey]unknown[/]";
            var result = r.Verdict.Uncertain ? "[yellow]valid, lower confidence[/]: " + Markup.Escape(r.Reason)
                : r.IsValid ? "[green]valid[/]" : "[red]invalid[/]: " + Markup.Escape(r.Reason);
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

    private static void WriteJson(TextWriter output, List<Identification> results, bool reveal) =>
        output.WriteLine(ReportJson.Serialize<IReadOnlyList<IdentifyReport>>([.. results.Select(r => IdentifyReport.From(r, reveal))]));
}
