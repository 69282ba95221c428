using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Tracemark.Intel.Output;

/// <summary>
/// A STIX 2.1 bundle for MISP and OpenCTI users: the producing identity; a threat-actor per actor that traded (names
/// and handles as aliases, first/last seen, what it offered in the description); per handle a cyber observable
/// (user-account for QQ/WeChat/Telegram/phone, email-addr) and an indicator with a STIX pattern, linked to the actor
/// by an "indicates" relationship. USDT addresses use OpenCTI's cryptocurrency-wallet observable type. Ids are UUIDv5
/// (observables: over their id-contributing properties in the STIX namespace, as the spec says; objects: over the
/// actor's accounts), so the same input gives the same ids and a re-import updates instead of duplicating. Mobile and
/// e-mail handles are personal identifiers: left out unless revealed.
/// </summary>
public static class StixBundle
{
    private static readonly Guid StixNamespace = Guid.Parse("00abedb4-aa42-466c-9c01-fed23315a9b7");
    private static readonly Guid TracemarkNamespace = Guid.Parse("5b1f3c2e-8d4a-5e6f-9a0b-1c2d3e4f5a6b");

    public static JsonObject Build(IntelResult result, bool reveal, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(result);
        var stamp = Stamp(now);
        var objects = new JsonArray();
        var identity = Id("identity", TracemarkNamespace, "tracemark");
        var producer = Sdo("identity", identity, stamp, createdBy: null);
        producer["name"] = "Tracemark intel";
        producer["identity_class"] = "system";
        producer["description"] = "Findings of `tracemark intel` on trading posts and chats.";
        objects.Add(producer);
        var observables = new HashSet<string>(StringComparer.Ordinal);
        foreach (var actor in result.Actors.Where(a => a.Offers + a.Requests + a.Services > 0))
        {
            var actorId = Id("threat-actor", TracemarkNamespace, string.Join('\n', actor.Accounts.Order(StringComparer.Ordinal)));
            var handles = actor.Handles.Where(h => reveal || h.Kind is not ("mobile" or "email")).ToList();
            var aliases = new JsonArray();
            foreach (var alias in actor.Names.Concat(handles.Select(h => $"{h.Kind}:{h.Value}")).Distinct(StringComparer.Ordinal))
            {
                aliases.Add(alias);
            }

            var sdo = Sdo("threat-actor", actorId, stamp, identity);
            sdo["name"] = $"Tracemark actor {actor.Id}" + (actor.Names.Count > 0 ? $" ({string.Join(", ", actor.Names.Take(3))})" : string.Empty);
            sdo["description"] = Describe(actor);
            sdo["threat_actor_types"] = new JsonArray("criminal");
            sdo["primary_motivation"] = "personal-gain";
            sdo["aliases"] = aliases;
            if (actor.FirstSeen is { } first)
            {
                sdo["first_seen"] = Stamp(first);
            }

            if (actor.LastSeen is { } last)
            {
                sdo["last_seen"] = Stamp(last);
            }

            objects.Add(sdo);
            foreach (var handle in handles)
            {
                var (observable, pattern) = Observable(handle.Kind, handle.Value);
                var observableId = (string)observable["id"]!;
                if (observables.Add(observableId))
                {
                    objects.Add(observable);
                }

                var indicatorId = Id("indicator", TracemarkNamespace, actorId + "\n" + observableId);
                var indicator = Sdo("indicator", indicatorId, stamp, identity);
                indicator["name"] = $"{handle.Kind} {handle.Value} used by {actor.Id}";
                indicator["indicator_types"] = new JsonArray("attribution");
                indicator["pattern"] = pattern;
                indicator["pattern_type"] = "stix";
                indicator["valid_from"] = actor.FirstSeen is { } f ? Stamp(f) : stamp;
                objects.Add(indicator);
                var relationship = Sdo("relationship", Id("relationship", TracemarkNamespace, indicatorId + "\nindicates\n" + actorId), stamp, identity);
                relationship["relationship_type"] = "indicates";
                relationship["source_ref"] = indicatorId;
                relationship["target_ref"] = actorId;
                objects.Add(relationship);
            }
        }

        return new JsonObject
        {
            ["type"] = "bundle",
            ["id"] = Id("bundle", TracemarkNamespace, string.Join('\n', objects.Select(o => (string)o!["id"]!))),
            ["objects"] = objects,
        };
    }

    public static void Write(string path, IntelResult result, bool reveal, DateTimeOffset now)
    {
        File.WriteAllText(path, Build(result, reveal, now).ToJsonString(IntelJson.Indented));
    }

    /// <summary>The properties every STIX domain and relationship object carries.</summary>
    private static JsonObject Sdo(string type, string id, string stamp, string? createdBy)
    {
        var o = new JsonObject { ["type"] = type, ["spec_version"] = "2.1", ["id"] = id, ["created"] = stamp, ["modified"] = stamp };
        if (createdBy is not null)
        {
            o["created_by_ref"] = createdBy;
        }

        return o;
    }

    private static (JsonObject Observable, string Pattern) Observable(string kind, string value)
    {
        var quoted = value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal);
        switch (kind)
        {
            case "email":
                {
                    var id = Id("email-addr", StixNamespace, $"{{\"value\":{JsonValue.Create(value).ToJsonString()}}}");
                    return (new JsonObject { ["type"] = "email-addr", ["spec_version"] = "2.1", ["id"] = id, ["value"] = value }, $"[email-addr:value = '{quoted}']");
                }

            case "usdt":
                {
                    var id = Id("cryptocurrency-wallet", StixNamespace, $"{{\"value\":{JsonValue.Create(value).ToJsonString()}}}");
                    return (new JsonObject { ["type"] = "cryptocurrency-wallet", ["spec_version"] = "2.1", ["id"] = id, ["value"] = value }, $"[cryptocurrency-wallet:value = '{quoted}']");
                }

            default:
                {
                    var type = kind == "mobile" ? "phone" : kind;
                    var id = Id("user-account", StixNamespace, $"{{\"account_login\":{JsonValue.Create(value).ToJsonString()},\"account_type\":{JsonValue.Create(type).ToJsonString()}}}");
                    return (
                        new JsonObject { ["type"] = "user-account", ["spec_version"] = "2.1", ["id"] = id, ["account_type"] = type, ["account_login"] = value },
                        $"[user-account:account_type = '{type}' AND user-account:account_login = '{quoted}']");
                }
        }
    }

    private static string Describe(ActorSummary actor)
    {
        var c = CultureInfo.InvariantCulture;
        var parts = new List<string>
        {
            $"{actor.Posts} posts ({actor.Offers} offers, {actor.Requests} requests, {actor.Services} lookup services) from {actor.Accounts.Count} accounts",
        };
        if (actor.Goods.Count > 0)
        {
            parts.Add("goods: " + string.Join(", ", actor.Goods.OrderByDescending(g => g.Value).Select(g => g.Key)));
        }

        if (actor.Categories.Count > 0)
        {
            parts.Add("categories: " + string.Join(", ", actor.Categories.OrderByDescending(g => g.Value).Select(g => g.Key)));
        }

        if (actor.PriceMin is { } min)
        {
            parts.Add($"price per record {min.ToString("0.####", c)}–{actor.PriceMax!.Value.ToString("0.####", c)} yuan");
        }

        if (actor.Volume > 0)
        {
            parts.Add($"{actor.Volume.ToString("N0", c)} records offered");
        }

        return string.Join("; ", parts) + ".";
    }

    private static string Stamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>type--UUIDv5(namespace, name) (RFC 9562 §5.5).</summary>
    internal static string Id(string type, Guid ns, string name)
    {
        var nsBytes = ns.ToByteArray(bigEndian: true);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[nsBytes.Length + nameBytes.Length];
        nsBytes.CopyTo(input, 0);
        nameBytes.CopyTo(input, nsBytes.Length);
#pragma warning disable CA5350 // UUIDv5 is defined on SHA-1; it names, it does not protect.
        var hash = SHA1.HashData(input);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return type + "--" + new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString();
    }
}
