using System.Text.Encodings.Web;
using System.Text.Json;

namespace Tracemark.Intel.Output;

/// <summary>
/// The settings of the files intel still writes itself (the actor graph's JSON, the STIX bundle): indented, snake_case,
/// Chinese kept readable. The posts, actors, market and evaluations are contracts in Tracemark.Reports.
/// </summary>
internal static class IntelJson
{
    public static JsonSerializerOptions Indented { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
    };
}
