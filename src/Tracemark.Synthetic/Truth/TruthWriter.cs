using System.Text.Encodings.Web;
using System.Text.Json;
using Tracemark.Identifiers;

namespace Tracemark.Synthetic.Truth;

/// <summary>
/// Writes one JSON line per generated record: where it is, which people it holds, and every item with what a
/// correct scanner must make of it. Format documented in docs/synth.md.
/// </summary>
internal sealed class TruthWriter : IDisposable
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };
    private readonly Stream? _stream;
    private readonly Utf8JsonWriter? _json;

    public TruthWriter(Stream? stream)
    {
        _stream = stream;
        _json = stream is null ? null : new Utf8JsonWriter(stream, Options);
    }

    public void Write(string source, long record, IReadOnlyList<long> persons, IReadOnlyList<TruthItem> items)
    {
        if (_json is null)
        {
            return;
        }

        _json.WriteStartObject();
        _json.WriteString("source", source);
        _json.WriteNumber("record", record);
        _json.WriteStartArray("persons");
        foreach (var p in persons)
        {
            _json.WriteNumberValue(p);
        }

        _json.WriteEndArray();
        _json.WriteStartArray("items");
        foreach (var item in items)
        {
            _json.WriteStartObject();
            if (item.Field is null)
            {
                _json.WriteNull("field");
            }
            else
            {
                _json.WriteString("field", item.Field);
            }

            _json.WriteString("kind", item.Kind.Code());
            _json.WriteString("value", item.Value);
            _json.WriteString("written", item.Written);
            _json.WriteString("status", item.Status switch
            {
                ItemStatus.Valid => "valid",
                ItemStatus.Masked => "masked",
                ItemStatus.Invalid => "invalid",
                _ => "decoy",
            });
            _json.WriteNumber("slot", item.Slot);
            _json.WriteEndObject();
        }

        _json.WriteEndArray();
        _json.WriteEndObject();
        _json.Flush();
        _stream!.WriteByte((byte)'\n');
        _json.Reset();
    }

    public void Dispose()
    {
        _json?.Dispose();
        _stream?.Dispose();
    }
}
