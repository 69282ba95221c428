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
