using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using ExcelDataReader;
using Tracemark.Synthetic.Truth;
using Tracemark.Tests;

namespace Tracemark.Synthetic.Tests;

/// <summary>A generated corpus in a temporary folder, with readers for its files and truth.</summary>
public sealed class Corpus : IDisposable
{
    static Corpus() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public Corpus(long records = 400, long people = 600, long seed = 5, double noise = 0.2, string[]? shapes = null)
    {
        _temp = new TempDir("synth");
        Directory = _temp.Path;
        Manifest = LeakCorpus.Generate(
            new SynthOptions(Directory, seed, people, records, noise, shapes),
            (m, stream) => JsonSerializer.Serialize(stream, m),
            writeTruth: Collect);
    }

    public string Directory { get; }

    public CorpusManifest Manifest { get; }

    private readonly TempDir _temp;

    // The truth the generator handed over, per truth file (its JSON form is the CLI's contract, tested there).
    // Datasets are generated in parallel, so records of different files arrive on different threads.
    private readonly ConcurrentDictionary<string, List<RecordTruth>> _truth = new(StringComparer.Ordinal);

    public void Dispose() => _temp.Dispose();

    public sealed record TruthRecord(string Source, long Record, long[] Persons, TruthItem[] Items);

    public IEnumerable<TruthRecord> Truth(DatasetManifest dataset) =>
        _truth[Path.GetFileName(dataset.Truth!)].Select(t => new TruthRecord(t.Source, t.Record, [.. t.Persons], [.. t.Items]));

    private void Collect(RecordTruth truth, Stream stream) =>
        _truth.GetOrAdd(Path.GetFileName(((FileStream)stream).Name), _ => []).Add(truth);

    /// <summary>Each record of a dataset as (source, record number) → cells by header (tabular) or the line (text).</summary>
    public Dictionary<(string Source, long Record), Dictionary<string, string>> Records(DatasetManifest dataset)
    {
        var path = Path.Combine(Directory, LeakCorpus.LeaksFolder, dataset.File);
        var result = new Dictionary<(string, long), Dictionary<string, string>>();
        switch (dataset.Format)
        {
            case "csv" or "tsv":
                {
                    var encoding = dataset.Encoding switch
                    {
                        "gbk" => Encoding.GetEncoding(936),
                        "utf-16le" => Encoding.Unicode,
                        _ => Encoding.UTF8,
                    };
                    var rows = ParseDelimited(File.ReadAllText(path, encoding).TrimStart('\uFEFF'), dataset.Format == "csv" ? ',' : '\t');
                    for (var r = 1; r < rows.Count; r++)
                    {
                        result[(dataset.File, r)] = rows[0].Zip(rows[r]).ToDictionary(p => p.First, p => p.Second);
                    }

                    break;
                }

            case "xlsx":
                {
                    using var stream = File.OpenRead(path);
                    using var reader = ExcelReaderFactory.CreateReader(stream);
                    do
                    {
                        string[]? headers = null;
                        long r = 0;
                        while (reader.Read())
                        {
                            var cells = Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i)?.ToString() ?? string.Empty).ToArray();
                            if (headers is null)
                            {
                                headers = cells;
                                continue;
                            }

                            result[($"{dataset.File}!{reader.Name}", ++r)] = headers.Zip(cells).ToDictionary(p => p.First, p => p.Second);
                        }
                    }
                    while (reader.NextResult());
                    break;
                }

            case "jsonl":
                {
                    long r = 0;
                    foreach (var line in File.ReadLines(path))
                    {
                        using var doc = JsonDocument.Parse(line);
                        result[(dataset.File, ++r)] = doc.RootElement.EnumerateObject()
                            .ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.ToString());
                    }

                    break;
                }

            default:
                {
                    var encoding = dataset.Encoding == "gb18030" ? Encoding.GetEncoding(54936) : Encoding.UTF8;
                    long r = 0;
                    foreach (var line in File.ReadLines(path, encoding))
                    {
                        result[(dataset.File, ++r)] = new Dictionary<string, string> { [string.Empty] = line };
                    }

                    break;
                }
        }

        return result;
    }

    // RFC 4180: quoted fields may hold delimiters, doubled quotes and line breaks.
    private static List<string[]> ParseDelimited(string text, char delimiter)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == delimiter)
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                row.Add(field.ToString().TrimEnd('\r'));
                field.Clear();
                rows.Add([.. row]);
                row.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add([.. row]);
        }

        return rows;
    }
}
