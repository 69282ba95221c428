using System.Text.Json.Serialization;
using Tracemark.Identifiers;

namespace Tracemark.Reports;

/// <summary>How old a leak is, as the trade grades it (docs/domain.md §4).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FreshnessGrade>))]
public enum FreshnessGrade
{
    /// <summary>实时: newest record at most a day old and little of it known.</summary>
    [JsonStringEnumMemberName("real-time")]
    RealTime,

    /// <summary>隔夜: at most a week old and under half known.</summary>
    [JsonStringEnumMemberName("overnight")]
    Overnight,

    /// <summary>历史: older, or mostly known already.</summary>
    [JsonStringEnumMemberName("historical")]
    Historical,

    /// <summary>No record times and mostly new: its age cannot be told.</summary>
    [JsonStringEnumMemberName("undetermined")]
    Undetermined,
}

/// <summary>What an ingest did.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<IngestOutcome>))]
public enum IngestOutcome
{
    /// <summary>A new dataset was stored.</summary>
    [JsonStringEnumMemberName("added")]
    Added,

    /// <summary>An interrupted ingest of the same content was finished.</summary>
    [JsonStringEnumMemberName("resumed")]
    Resumed,

    /// <summary>The same content was already stored; nothing changed.</summary>
    [JsonStringEnumMemberName("unchanged")]
    Unchanged,
}

/// <summary>
/// The format a scanned table was read as (<c>scan --json</c>'s tables) or a synthetic leak file is written in
/// (<c>synth</c>'s manifest): the scanner's reading formats, by the names they always had.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<TableFormatName>))]
public enum TableFormatName
{
    /// <summary>Lines of free text (chat logs, notes).</summary>
    [JsonStringEnumMemberName("text")]
    Text,

    /// <summary>Lines split by a separator such as ---- or | (broker dumps).</summary>
    [JsonStringEnumMemberName("dump")]
    Dump,

    /// <summary>Comma- or semicolon-separated values.</summary>
    [JsonStringEnumMemberName("csv")]
    Csv,

    /// <summary>Tab-separated values.</summary>
    [JsonStringEnumMemberName("tsv")]
    Tsv,

    /// <summary>One JSON object per line.</summary>
    [JsonStringEnumMemberName("jsonl")]
    JsonLines,

    /// <summary>A JSON document.</summary>
    [JsonStringEnumMemberName("json")]
    Json,

    /// <summary>An Excel 2007+ workbook (one table per sheet).</summary>
    [JsonStringEnumMemberName("xlsx")]
    Xlsx,

    /// <summary>An Excel 97–2003 workbook.</summary>
    [JsonStringEnumMemberName("xls")]
    Xls,
}

/// <summary>
/// How a file's bytes were read (<c>scan --json</c>'s <c>encodings</c> and tables, <c>synth</c>'s manifest): a text
/// encoding as the input layer's probe names it, a workbook, or a file with nothing to read.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<EncodingName>))]
public enum EncodingName
{
    /// <summary>UTF-8 without a byte-order mark.</summary>
    [JsonStringEnumMemberName("utf-8")]
    Utf8,

    /// <summary>UTF-8 with a byte-order mark.</summary>
    [JsonStringEnumMemberName("utf-8-bom")]
    Utf8Bom,

    /// <summary>UTF-16, little-endian.</summary>
    [JsonStringEnumMemberName("utf-16le")]
    Utf16Le,

    /// <summary>UTF-16, big-endian.</summary>
    [JsonStringEnumMemberName("utf-16be")]
    Utf16Be,

    /// <summary>GB18030 (the scanner reads GBK and GB2312 as GB18030, their superset).</summary>
    [JsonStringEnumMemberName("gb18030")]
    Gb18030,

    /// <summary>GBK (code page 936), as <c>synth</c> writes its courier export.</summary>
    [JsonStringEnumMemberName("gbk")]
    Gbk,

    /// <summary>An Excel 2007+ workbook (no text encoding of its own).</summary>
    [JsonStringEnumMemberName("xlsx")]
    Xlsx,

    /// <summary>An Excel 97–2003 workbook.</summary>
    [JsonStringEnumMemberName("xls")]
    Xls,

    /// <summary>An empty file.</summary>
    [JsonStringEnumMemberName("empty")]
    Empty,

    /// <summary>A file that is not text (skipped).</summary>
    [JsonStringEnumMemberName("binary")]
    Binary,
}

/// <summary>The kind of leak file a <c>synth</c> dataset imitates (<c>synth --shapes</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SynthShape>))]
public enum SynthShape
{
    /// <summary>A courier company's waybill export.</summary>
    [JsonStringEnumMemberName("courier")]
    Courier,

    /// <summary>A loan platform's application workbook.</summary>
    [JsonStringEnumMemberName("loan")]
    Loan,

    /// <summary>A hotel's check-in register.</summary>
    [JsonStringEnumMemberName("hotel")]
    Hotel,

    /// <summary>A broker's name----phone----ID dump.</summary>
    [JsonStringEnumMemberName("dump")]
    Dump,

    /// <summary>A chat log with identifiers inside sentences.</summary>
    [JsonStringEnumMemberName("chat")]
    Chat,

    /// <summary>An app back end's JSON Lines.</summary>
    [JsonStringEnumMemberName("app")]
    App,

    /// <summary>Identifier-shaped numbers that are no one's (must yield no finding).</summary>
    [JsonStringEnumMemberName("decoys")]
    Decoys,
}

/// <summary>How a password is written, by its code (scan's <c>passwords</c>, the credential manifest's <c>shapes</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CredentialShape>))]
public enum CredentialShape
{
    /// <summary>In clear.</summary>
    [JsonStringEnumMemberName("plain")]
    Plain,

    /// <summary>Unsalted MD5 hex.</summary>
    [JsonStringEnumMemberName("md5")]
    Md5,

    /// <summary>SHA-1 hex.</summary>
    [JsonStringEnumMemberName("sha1")]
    Sha1,

    /// <summary>A bcrypt string.</summary>
    [JsonStringEnumMemberName("bcrypt")]
    Bcrypt,

    /// <summary>Another hash (SHA-2 hex, a crypt(3) string).</summary>
    [JsonStringEnumMemberName("hash")]
    OtherHash,
}

/// <summary>Reads the libraries' string values into the contract enums; an unknown value is a bug, not input.</summary>
public static class ReportValues
{
    /// <summary>A password shape code (as the scanner and <c>synth credentials</c> write them): plain, md5, sha1, bcrypt, hash.</summary>
    public static CredentialShape PasswordShape(string code) => code switch
    {
        "plain" => CredentialShape.Plain,
        "md5" => CredentialShape.Md5,
        "sha1" => CredentialShape.Sha1,
        "bcrypt" => CredentialShape.Bcrypt,
        "hash" => CredentialShape.OtherHash,
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "not a password shape"),
    };

    /// <summary>Counts keyed by shape code, read into their enum in the order given (the writer's order is the wire order).</summary>
    public static IReadOnlyDictionary<CredentialShape, long> PasswordShapes(IEnumerable<KeyValuePair<string, long>> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var keyed = new Dictionary<CredentialShape, long>();
        foreach (var (code, n) in counts)
        {
            keyed.Add(PasswordShape(code), n);
        }

        return keyed;
    }

    /// <summary>A table's format as the scanner names it (and synth's manifest): text, dump, csv, tsv, jsonl, json, xlsx, xls.</summary>
    public static TableFormatName TableFormat(string name) => name switch
    {
        "text" => TableFormatName.Text,
        "dump" => TableFormatName.Dump,
        "csv" => TableFormatName.Csv,
        "tsv" => TableFormatName.Tsv,
        "jsonl" => TableFormatName.JsonLines,
        "json" => TableFormatName.Json,
        "xlsx" => TableFormatName.Xlsx,
        "xls" => TableFormatName.Xls,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a table format"),
    };

    /// <summary>An encoding as the scanner's probe (and synth's manifest) names it.</summary>
    public static EncodingName Encoding(string name) => name switch
    {
        "utf-8" => EncodingName.Utf8,
        "utf-8-bom" => EncodingName.Utf8Bom,
        "utf-16le" => EncodingName.Utf16Le,
        "utf-16be" => EncodingName.Utf16Be,
        "gb18030" => EncodingName.Gb18030,
        "gbk" => EncodingName.Gbk,
        "xlsx" => EncodingName.Xlsx,
        "xls" => EncodingName.Xls,
        "empty" => EncodingName.Empty,
        "binary" => EncodingName.Binary,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not an encoding name"),
    };

    /// <summary>Counts keyed by encoding name, read into their enum in the order given (the writer's order is the wire order).</summary>
    public static IReadOnlyDictionary<EncodingName, long> Encodings(IEnumerable<KeyValuePair<string, long>> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var keyed = new Dictionary<EncodingName, long>();
        foreach (var (name, n) in counts)
        {
            keyed.Add(Encoding(name), n);
        }

        return keyed;
    }

    /// <summary>A <c>synth</c> shape name (Synthetic's <c>LeakCorpus.ShapeNames</c>).</summary>
    public static SynthShape Shape(string name) => name switch
    {
        "courier" => SynthShape.Courier,
        "loan" => SynthShape.Loan,
        "hotel" => SynthShape.Hotel,
        "dump" => SynthShape.Dump,
        "chat" => SynthShape.Chat,
        "app" => SynthShape.App,
        "decoys" => SynthShape.Decoys,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a synth shape"),
    };

    /// <summary>The grade <see cref="Store.FreshnessRules.Grade"/> gave.</summary>
    public static FreshnessGrade Freshness(string grade) => grade switch
    {
        "real-time" => FreshnessGrade.RealTime,
        "overnight" => FreshnessGrade.Overnight,
        "historical" => FreshnessGrade.Historical,
        "undetermined" => FreshnessGrade.Undetermined,
        _ => throw new ArgumentOutOfRangeException(nameof(grade), grade, "not a freshness grade"),
    };

    /// <summary>The verdict <see cref="Scanning.Analysis.LegalAssessment.Verdict"/> gave.</summary>
    public static LegalVerdict Verdict(string verdict) => verdict switch
    {
        "below the serious threshold" => LegalVerdict.BelowSerious,
        "serious" => LegalVerdict.Serious,
        "especially serious" => LegalVerdict.EspeciallySerious,
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "not a legal verdict"),
    };

    /// <summary>The verdict a trace gave.</summary>
    public static TraceVerdict Trace(string verdict) => verdict switch
    {
        "attributed" => TraceVerdict.Attributed,
        "shortlist" => TraceVerdict.Shortlist,
        "undetermined" => TraceVerdict.Undetermined,
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "not a trace verdict"),
    };

    /// <summary>A channel kind as the owner's channel file names it.</summary>
    public static ChannelKind Channel(string kind) => kind switch
    {
        "employee" => ChannelKind.Employee,
        "admin" => ChannelKind.Admin,
        "partner" => ChannelKind.Partner,
        "api" => ChannelKind.Api,
        "export" => ChannelKind.Export,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a channel kind"),
    };

    /// <summary>The outcome <see cref="Store.KnownLeakStore"/>'s ingest gave.</summary>
    public static IngestOutcome Outcome(string outcome) => outcome switch
    {
        "added" => IngestOutcome.Added,
        "resumed" => IngestOutcome.Resumed,
        "unchanged" => IngestOutcome.Unchanged,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "not an ingest outcome"),
    };
}

/// <summary>An identifier kind as its code ("mobile", "cn_id" …), the form every output uses.</summary>
public sealed class IdentifierKindConverter : JsonConverter<IdentifierKind>
{
    public override IdentifierKind Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options) =>
        IdentifierKinds.TryParse(reader.GetString() ?? string.Empty, out var kind) ? kind : throw new System.Text.Json.JsonException($"not an identifier kind: {reader.GetString()}");

    public override void Write(System.Text.Json.Utf8JsonWriter writer, IdentifierKind value, System.Text.Json.JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Code());
    }
}

/// <summary>Where a scan's persons put a case under Criminal Law Art. 253-1 (an estimate for sizing, not a finding).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LegalVerdict>))]
public enum LegalVerdict
{
    /// <summary>Below every threshold.</summary>
    [JsonStringEnumMemberName("below the serious threshold")]
    BelowSerious,

    /// <summary>情节严重.</summary>
    [JsonStringEnumMemberName("serious")]
    Serious,

    /// <summary>情节特别严重.</summary>
    [JsonStringEnumMemberName("especially serious")]
    EspeciallySerious,
}

/// <summary>How sure a trace is.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TraceVerdict>))]
public enum TraceVerdict
{
    /// <summary>One explanation is far ahead of the rest.</summary>
    [JsonStringEnumMemberName("attributed")]
    Attributed,

    /// <summary>A few candidates share most of the probability.</summary>
    [JsonStringEnumMemberName("shortlist")]
    Shortlist,

    /// <summary>The data cannot tell.</summary>
    [JsonStringEnumMemberName("undetermined")]
    Undetermined,
}

/// <summary>What kind of access channel an owner's log names (docs/owner-data.md).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChannelKind>))]
public enum ChannelKind
{
    /// <summary>A staff account at an outlet or region.</summary>
    [JsonStringEnumMemberName("employee")]
    Employee,

    /// <summary>An administrator.</summary>
    [JsonStringEnumMemberName("admin")]
    Admin,

    /// <summary>A partner company.</summary>
    [JsonStringEnumMemberName("partner")]
    Partner,

    /// <summary>An API client.</summary>
    [JsonStringEnumMemberName("api")]
    Api,

    /// <summary>A bulk export job.</summary>
    [JsonStringEnumMemberName("export")]
    Export,
}
