using System.Text.Encodings.Web;
using System.Text.Json;
using Tracemark.Identifiers;
using Tracemark.Intel.Analysis;

namespace Tracemark.Intel.Output;

/// <summary>
/// JSON for machines: one object per post (JSON Lines), snake_case, Chinese kept readable. Handles that are personal
/// identifiers (mobile, e-mail) are masked unless revealed; sample identifiers are only ever counted.
/// </summary>
public static class IntelJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never,
    };

    public static JsonSerializerOptions Indented { get; } = new(Options) { WriteIndented = true };

    /// <summary>Writes every post, one JSON object per line, in input order.</summary>
    public static void WritePosts(TextWriter output, IntelResult result, bool reveal)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(result);
        foreach (var post in result.Posts)
        {
            output.WriteLine(JsonSerializer.Serialize(reveal ? post : Masked(post), Options));
        }
    }

    internal static IntelPost Masked(IntelPost post)
    {
        ArgumentNullException.ThrowIfNull(post);
        return post.Handles.Any(NeedsMask) ? post with { Handles = [.. post.Handles.Select(Mask)] } : post;
    }

    public static PostHandle Mask(PostHandle handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        return handle.Kind switch
        {
            "mobile" => handle with { Value = Masking.Mask(IdentifierKind.Mobile, handle.Value) },
            "email" => handle with { Value = Masking.Mask(IdentifierKind.Email, handle.Value) },
            _ => handle,
        };
    }

    private static bool NeedsMask(PostHandle h) => h.Kind is "mobile" or "email";
}
