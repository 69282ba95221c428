using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Tracemark.Identifiers;

namespace Tracemark.Reports;

/// <summary>
/// What `tracemark identify --json` prints for one value: an array of these, or with `-` one per line (JSON Lines).
/// Values are masked unless revealed.
/// </summary>
public sealed record IdentifyReport(
    string Input,
    [property: JsonConverter(typeof(IdentifierKindConverter))] IdentifierKind? Kind,
    bool Valid,
    double Confidence,
    string? Canonical,
    string Reason,
    IdentifyFacts Facts,
    [property: JsonConverter(typeof(IdentifierKindListConverter))] IReadOnlyList<IdentifierKind> Also)
{
    /// <summary>The contract of one identification, masked unless <paramref name="reveal"/>.</summary>
    public static IdentifyReport From(Identification r, bool reveal)
    {
        ArgumentNullException.ThrowIfNull(r);
        var canonical = r.Canonical is { } c && r.Kind is { } k ? (reveal ? c : Masking.Mask(k, c)) : null;
        return new(Shown(r, reveal), r.Kind, r.IsValid, r.Confidence, canonical, r.Reason, new IdentifyFacts(r.Facts, reveal), r.Alternatives);
    }

    /// <summary>The value as printed: in full when revealed, else masked by its kind (or blanked when none fits).</summary>
    public static string Shown(Identification r, bool reveal)
    {
        ArgumentNullException.ThrowIfNull(r);
        return reveal ? r.Input : r.Kind is { } k ? Masking.Mask(k, r.Canonical ?? r.Input) : Masking.MaskUnknown(r.Input);
    }

    /// <summary>A fact's value as printed: facts that are identifiers themselves are masked unless revealed.</summary>
    public static string FactValue(Fact f, bool reveal)
    {
        ArgumentNullException.ThrowIfNull(f);
        return reveal || f.Masked is not { } kind ? f.Value : Masking.Mask(kind, f.Value);
    }
}

/// <summary>
/// What a value says (region, birth date, carrier …), in the order the identifier library gives them, as one JSON
/// object; an age is a number, every other fact text. Written by its own converter because the keys depend on the
/// kind, so no fixed record shape fits them.
/// </summary>
[JsonConverter(typeof(IdentifyFactsConverter))]
public sealed class IdentifyFacts(IReadOnlyList<Fact> facts, bool reveal)
{
    /// <summary>The facts as the identifier library gave them.</summary>
    public IReadOnlyList<Fact> Items { get; } = facts;

    /// <summary>Whether identifier facts are shown in full.</summary>
    public bool Reveal { get; } = reveal;
}

/// <summary>Writes <see cref="IdentifyFacts"/> as an object; reading it back is not needed by any command.</summary>
public sealed class IdentifyFactsConverter : JsonConverter<IdentifyFacts>
{
    public override IdentifyFacts Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("identify's facts are written, not read");

    public override void Write(Utf8JsonWriter writer, IdentifyFacts value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        foreach (var f in value.Items)
        {
            if (f.Key == "age" && int.TryParse(f.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var age))
            {
                writer.WriteNumber(f.Key, age);
            }
            else
            {
                writer.WriteString(f.Key, IdentifyReport.FactValue(f, value.Reveal));
            }
        }

        writer.WriteEndObject();
    }
}

/// <summary>A list of identifier kinds as their codes ("mobile", "qq" …).</summary>
public sealed class IdentifierKindListConverter : JsonConverter<IReadOnlyList<IdentifierKind>>
{
    public override IReadOnlyList<IdentifierKind> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("expected an array of identifier kinds");
        }

        var kinds = new List<IdentifierKind>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var code = reader.GetString() ?? string.Empty;
            kinds.Add(IdentifierKinds.TryParse(code, out var kind) ? kind : throw new JsonException($"not an identifier kind: {code}"));
        }

        return kinds;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<IdentifierKind> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartArray();
        foreach (var kind in value)
        {
            writer.WriteStringValue(kind.Code());
        }

        writer.WriteEndArray();
    }
}
