using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Tracemark.Identifiers;
using Tracemark.Synthetic.Output;

namespace Tracemark.Synthetic.Shapes;

/// <summary>
/// User records scraped from an app back end as JSON Lines: phones in +86 forms, optional fields missing or null,
/// a device IMEI and an order number that imitate identifiers under keys that say what they are.
/// </summary>
internal sealed class AppBackend : LeakShape
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };
    private static readonly string[] Nicknames = ["快乐的鱼", "星空", "追风少年", "小确幸", "清风徐来", "momo", "阿狸", "向日葵"];

    public override string Name => "app";

    public override string FileName => "app-users.jsonl";

    public override string Format => "jsonl";

    public override Encoding Encoding => TextEncodings.Utf8;

    public override void Write(Stream output, ShapeRun run)
    {
        using var json = new Utf8JsonWriter(output, Options);
        for (long i = 0; i < run.Records; i++)
        {
            var r = run.Begin(i, 1, Encoding);
            ref var rng = ref r.Rng;
            json.WriteStartObject();
            json.WriteNumber("uid", 100_000 + i);
            json.WriteString("nickname", Nicknames[rng.Next(Nicknames.Length)]);
            Field(json, r, "real_name", IdentifierKind.Name);
            Field(json, r, "phone", IdentifierKind.Mobile);
            Field(json, r, "id_card", IdentifierKind.ResidentId);
            Field(json, r, "email", IdentifierKind.Email);
            Field(json, r, "qq", IdentifierKind.Qq);
            Field(json, r, "address", IdentifierKind.Address);
            json.WriteString("reg_time", Noise.Time(ref rng, 2022, 2025).Replace(' ', 'T') + "+08:00");
            json.WriteString("device_imei", r.Decoy("device_imei", Decoys.Imei(ref rng)));
            json.WriteString("order_no", r.Decoy("order_no", Decoys.DatedOrderNumber(ref rng)));
            json.WriteNumber("balance", rng.Next(0, 100_000) / 100.0);
            json.WriteEndObject();
            json.Flush();
            output.WriteByte((byte)'\n');
            json.Reset();
            run.Commit(r, FileName, i + 1);
        }
    }

    private static void Field(Utf8JsonWriter json, RecordContext r, string key, IdentifierKind kind)
    {
        var value = r.Id(0, kind, key);
        if (value is not null)
        {
            json.WriteString(key, value);
        }
        else if (r.Rng.Chance(0.5))
        {
            json.WriteNull(key);
        }
    }
}
