using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tracemark.Guard;

/// <summary>
/// An alert as `tracemark guard --json` prints it, a webhook receives it and the store keeps it: times as ISO 8601
/// with their offset; the snake_case names are the contract (docs/guard.md).
/// </summary>
public sealed record GuardAlertRecord(
    [property: JsonPropertyName("channel")] string Channel,
    [property: JsonPropertyName("from")] string From,
    [property: JsonPropertyName("to")] string To,
    [property: JsonPropertyName("first_alert")] string FirstAlert,
    [property: JsonPropertyName("score")] double Score,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("evidence")] IReadOnlyList<string> Evidence)
{
    private const string Format = "yyyy-MM-ddTHH:mm:sszzz";

    // Evidence is readable text (Chinese unit names, ×, %): written as it is, not as \u escapes.
    private static readonly GuardJson Context = new(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    /// <summary>The record of an alert.</summary>
    public static GuardAlertRecord Of(GuardAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return new(alert.Channel, Text(alert.From), Text(alert.To), Text(alert.FirstAlert), alert.Score, alert.Kind, alert.Evidence);
    }

    /// <summary>One line of JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Context.GuardAlertRecord);

    /// <summary>Reads a record written by <see cref="ToJson"/>.</summary>
    public static GuardAlertRecord FromJson(string json) => JsonSerializer.Deserialize(json, Context.GuardAlertRecord)
        ?? throw new JsonException("an alert record is null");

    /// <summary>The alert again (times parsed back).</summary>
    public GuardAlert ToAlert() => new(Channel, Parse(From), Parse(To), Parse(FirstAlert), Score, Kind, Evidence);

    /// <summary>
    /// What identifies an alert across runs: its channel, the start of its span and when it was raised. It does not
    /// change when the alert later grows (its end) or is sharpened (its kind), and a deterministic replay of the same
    /// rows raises it with the same key.
    /// </summary>
    public static string Key(GuardAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return $"{alert.Channel}|{alert.From.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}|{alert.FirstAlert.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}";
    }

    private static string Text(DateTimeOffset t) => t.ToString(Format, CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string t) => DateTimeOffset.Parse(t, CultureInfo.InvariantCulture);
}

[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(GuardAlertRecord))]
internal sealed partial class GuardJson : JsonSerializerContext;
