using System.Text.Json.Serialization;
using Tracemark.Intel;
using Tracemark.Intel.Output;

namespace Tracemark.Reports;

/// <summary>
/// The actor graph as `tracemark intel --graph FILE.json` writes it: accounts and the handles they posted (escrow
/// handles marked), account–account edges for near-duplicate ads and shared samples, and the number of hub handles
/// that were kept from linking (docs/intel.md). Handle labels are masked unless revealed. The GraphML form is an
/// external format and stays Intel's own.
/// </summary>
public sealed record ActorGraphReport(IReadOnlyList<GraphNodeReport> Nodes, IReadOnlyList<GraphEdgeReport> Edges, int Hubs)
{
    /// <summary>The graph of a run.</summary>
    public static ActorGraphReport From(IntelResult result, bool reveal)
    {
        ArgumentNullException.ThrowIfNull(result);
        var graph = ActorGraph.Build(result, reveal);
        return new(
            [.. graph.Nodes.Select(n => new GraphNodeReport(n.Id, IntelValues.NodeKind(n.Kind), n.Label, n.Actor, n.Posts))],
            [.. graph.Edges.Select(e => new GraphEdgeReport(e.Source, e.Target, IntelValues.EdgeEvidence(e.Evidence), e.Detail, e.Weight))],
            result.Hubs.Count);
    }
}

/// <summary>A node: an account (id account:…) or a handle (id handle:KIND:VALUE); posts counts an account's posts, 0 for a handle.</summary>
public sealed record GraphNodeReport(string Id, GraphNodeKind Kind, string Label, string Actor, int Posts);

/// <summary>An edge: an account posted a handle (detail: its kind), or two accounts were linked (detail: why).</summary>
public sealed record GraphEdgeReport(string Source, string Target, GraphEdgeEvidence Evidence, string Detail, double Weight);

/// <summary>What an actor-graph node is.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GraphNodeKind>))]
public enum GraphNodeKind
{
    /// <summary>An author account.</summary>
    [JsonStringEnumMemberName("account")]
    Account,

    /// <summary>An escrow (担保) handle: shown, never linking accounts into one actor.</summary>
    [JsonStringEnumMemberName("escrow")]
    Escrow,

    /// <summary>A QQ number.</summary>
    [JsonStringEnumMemberName("qq")]
    Qq,

    /// <summary>A WeChat id.</summary>
    [JsonStringEnumMemberName("wechat")]
    WeChat,

    /// <summary>A Telegram user.</summary>
    [JsonStringEnumMemberName("telegram")]
    Telegram,

    /// <summary>A mobile number (masked unless revealed).</summary>
    [JsonStringEnumMemberName("mobile")]
    Mobile,

    /// <summary>An e-mail address (masked unless revealed).</summary>
    [JsonStringEnumMemberName("email")]
    Email,

    /// <summary>A USDT address.</summary>
    [JsonStringEnumMemberName("usdt")]
    Usdt,
}

/// <summary>Why an actor-graph edge is there.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GraphEdgeEvidence>))]
public enum GraphEdgeEvidence
{
    /// <summary>The account posted the handle.</summary>
    [JsonStringEnumMemberName("posted")]
    Posted,

    /// <summary>The account posted an escrow handle (weight 0.1).</summary>
    [JsonStringEnumMemberName("escrow")]
    Escrow,

    /// <summary>The two accounts share people in their test samples.</summary>
    [JsonStringEnumMemberName("samples")]
    Samples,

    /// <summary>The two accounts posted near-duplicate ads.</summary>
    [JsonStringEnumMemberName("text")]
    Text,
}
