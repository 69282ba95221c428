using System.CommandLine;
using System.Globalization;
using Tracemark.Scanning.Redaction;

namespace Tracemark.Cli.Commands;

/// <summary>`tracemark redact IN OUT`: a copy of a file with every identifier masked or pseudonymized.</summary>
internal static class RedactCommand
{
    private const string Summary = "Write a copy of a file with every identifier scan finds masked (138****5678) or replaced by a keyed pseudonym.";

    /// <summary>The command (one-line description) and the details its --help adds.</summary>
    public static (Command Command, string Details) Create(Terminal terminal)
    {
        var input = new Argument<string>("IN") { Description = "The file to redact: an XLSX workbook, or CSV/TSV, a broker dump, JSON Lines or plain text in UTF-8, UTF-16 or GBK/GB18030." };
        input.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is { } path && CliOptions.ReadableFileProblem(path) is { } problem)
            {
                result.AddError($"{path}: {problem}");
            }
        });
        var output = new Argument<string>("OUT") { Description = "Where to write the redacted copy (same format and encoding; a workbook keeps its sheets), or - for standard output." };
        output.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is { } path && path != "-" && CliOptions.WritableFileProblem(path) is { } problem)
            {
                result.AddError($"{path}: {problem}");
            }
        });
        var pseudonymize = new Option<bool>("--pseudonymize") { Description = "Replace each value by a consistent pseudonym under --key (same value, same pseudonym, in every file) instead of a mask." };
        var key = CliOptions.InputFile("--key", "Pseudonym key FILE (at least 16 bytes; make one with `head -c 32 /dev/urandom > FILE` and keep it secret).");
        var encoding = CliOptions.Choice<string?>("--encoding", "Force the text encoding (detected by default).", null, ScanCommand.Encodings);
        var minConfidence = CliOptions.Number("--min-confidence", "Leave findings below this confidence, as scan leaves them out.", 0.5, 0, 1, "P");
        var force = new Option<bool>("--force") { Description = "Overwrite OUT if it exists." };
        var details = """
            Finds identifiers exactly as `tracemark scan` does (column headers, sampled values, recognizers with context
            words) and writes everything else byte for byte: same delimiters, quotes, line ends, byte-order mark and
            encoding (GBK in, GBK out). Masks are the ones scan prints; pseudonyms (HMAC-SHA256 under the key) keep the
            value's shape but can never be mistaken for a real identifier (mobiles start with 10, IDs with region 000000,
            e-mails end in .invalid). Masked values already partial and credit codes (companies) are left as they are.
            In an XLSX workbook only the cells with an identifier are rewritten; sheets, styles, formulas and every
            other cell stay as they were (docs/redact.md). A scan of the copy finds no full identifier.

            Examples:
              tracemark redact leak.csv leak.redacted.csv
              tracemark redact customers.xlsx customers.redacted.xlsx
              tracemark redact chat.txt - | less
              tracemark redact leak.csv shared.csv --pseudonymize --key team.key

            Exit status: 0 when the file was read in full, 1 when something could not be read (listed on stderr with its
            record; the rest is redacted), 2 on usage errors, a missing IN included (nothing is written).
            """;
        var command = new Command("redact", Summary) { input, output, pseudonymize, key, encoding, minConfidence, force };
        command.SetAction(parse =>
        {
            var confidence = (float)parse.GetValue(minConfidence);
            var from = parse.GetValue(input)!;
            var to = parse.GetValue(output)!;
            var keyPath = parse.GetValue(key);
            byte[]? keyBytes = null;
            if (parse.GetValue(pseudonymize))
            {
                if (keyPath is null)
                {
                    throw new UsageException("--pseudonymize needs --key FILE (make one with `head -c 32 /dev/urandom > FILE`)");
                }

                keyBytes = File.ReadAllBytes(keyPath);
                if (keyBytes.Length < 16)
                {
                    throw new UsageException($"--key: {keyPath} holds {keyBytes.Length} bytes; a key needs at least 16 (make one with `head -c 32 /dev/urandom > FILE`)");
                }
            }
            else if (keyPath is not null)
            {
                throw new UsageException("--key is used with --pseudonymize");
            }

            var toStdout = to == "-";
            if (!toStdout && Path.GetFullPath(to) == Path.GetFullPath(from))
            {
                throw new UsageException("OUT is the input file; write the copy elsewhere");
            }

            if (!toStdout && File.Exists(to) && !parse.GetValue(force))
            {
                throw new UsageException($"{to} exists; add --force to overwrite it");
            }

            var options = new RedactOptions
            {
                Mode = keyBytes is null ? RedactionMode.Mask : RedactionMode.Pseudonymize,
                Key = keyBytes,
                Encoding = parse.GetValue(encoding),
                MinConfidence = confidence,
            };

            RedactResult result;
            if (toStdout)
            {
                using var stdout = Console.OpenStandardOutput();
                result = Redactor.Redact(from, stdout, options);
            }
            else
            {
                // Written beside OUT and moved into place at the end: a failed run leaves no half-redacted file.
                var partial = to + ".partial";
                try
                {
                    using (var stream = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
                    {
                        result = Redactor.Redact(from, stream, options);
                    }

                    // Input that is not text writes nothing: no empty OUT is left behind.
                    if (result.Format != "none")
                    {
                        File.Move(partial, to, overwrite: true);
                    }
                }
                finally
                {
                    File.Delete(partial);
                }
            }

            foreach (var e in result.Errors.Concat(result.Notes))
            {
                terminal.Error.WriteLine($"{(e.IsNote ? "note" : "problem")}: {e.Source}{(e.Record is { } r ? $" record {r}" : string.Empty)}: {e.Message}");
            }

            var kinds = string.Join(", ", result.Replaced.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value.ToString("N0", CultureInfo.InvariantCulture)}"));
            terminal.Error.WriteLine($"redacted {result.Replaced.Values.Sum().ToString("N0", CultureInfo.InvariantCulture)} value(s) in {result.Records.ToString("N0", CultureInfo.InvariantCulture)} record(s) of {from} ({result.Format}{(result.Format == "xlsx" ? string.Empty : ", " + result.Encoding)}){(kinds.Length > 0 ? ": " + kinds : string.Empty)}; {(toStdout ? "written to standard output" : "written to " + to)}");
            return result.Errors.Count > 0 ? ExitCodes.InputProblems : ExitCodes.Ok;
        });
        return (command, details);
    }
}
