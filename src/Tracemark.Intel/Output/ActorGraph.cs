using System.Globalization;
using System.Xml;

namespace Tracemark.Intel.Output;

/// <summary>A node of the actor graph: an author account or a handle.</summary>
/// <param name="Id">account:ACCOUNT, handle:KIND:VALUE, or handle:KIND:#N for a masked handle (numbered in the order met).</param>
/// <param name="Kind">account, escrow, or the handle's kind (qq, wechat, telegram, mobile, email, usdt).</param>
/// <param name="Label">What a viewer shows: the author and account, or the handle's kind and value (masked unless revealed).</param>
/// <param name="Actor">The actor the account or handle belongs to; empty for an escrow handle.</param>
/// <param name="Posts">An account's posts; 0 for a handle.</param>
public sealed record GraphNode(string Id, string Kind, string Label, string Actor, int Posts);

/// <summary>An edge: an account posted a handle, or two accounts were linked (near-duplicate ads, shared samples).</summary>
/// <param name="Source">The account (account:…).</param>
/// <param name="Target">The handle, or the other account.</param>
/// <param name="Evidence">posted, escrow (an account posted a handle) or text, samples (two accounts linked).</param>
/// <param name="Detail">The handle's kind, or what linked the accounts.</param>
/// <param name="Weight">1 for a posted handle, 0.1 for an escrow handle, the link's strength between accounts.</param>
public sealed record GraphEdge(string Source, string Target, string Evidence, string Detail, double Weight);

/// <summary>The actor graph's nodes and edges, in the order they were first met.</summary>
public sealed record ActorGraphData(IReadOnlyList<GraphNode> Nodes, IReadOnlyList<GraphEdge> Edges);

/// <summary>
/// The actor graph: accounts and the handles they posted (escrow handles included, marked, so analysts see them),
/// plus account–account edges for text and sample evidence. Written as GraphML (Gephi, yEd, Cytoscape, networkx) here;
/// the JSON form is a Tracemark.Reports contract (ActorGraphReport), which this layer may not reference.
/// </summary>
public static class ActorGraph
{
    /// <summary>The graph of a run; handle labels masked unless <paramref name="reveal"/>.</summary>
    public static ActorGraphData Build(IntelResult result, bool reveal)
    {
        ArgumentNullException.ThrowIfNull(result);
        var nodes = new Dictionary<string, GraphNode>(StringComparer.Ordinal);
        var edges = new Dictionary<(string, string), GraphEdge>();
        // A masked handle's node id must not carry the value either: it is numbered in the order handles are first
        // met (masked forms of two numbers can be equal, so the masked value could not tell the nodes apart).
        var hidden = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var post in result.Posts)
        {
            var account = "account:" + post.Account;
            nodes[account] = nodes.TryGetValue(account, out var a)
                ? a with { Posts = a.Posts + 1 }
                : new GraphNode(account, "account", post.Author.Length > 0 ? $"{post.Author} ({post.Account})" : post.Account, post.Actor, 1);
            foreach (var handle in post.Handles)
            {
                var shown = reveal ? handle : handle.Masked();
                var id = $"handle:{handle.Kind}:{handle.Value}";
                if (!reveal && shown.Value != handle.Value)
                {
                    if (!hidden.TryGetValue(id, out var numbered))
                    {
                        numbered = $"handle:{handle.Kind}:#{hidden.Count + 1}";
                        hidden[id] = numbered;
                    }

                    id = numbered;
                }
                if (!nodes.ContainsKey(id))
                {
                    nodes[id] = new GraphNode(id, handle.Escrow ? "escrow" : handle.Kind, $"{shown.Kind} {shown.Value}", handle.Escrow ? string.Empty : post.Actor, 0);
                }

                edges.TryAdd((account, id), new GraphEdge(account, id, handle.Escrow ? "escrow" : "posted", handle.Kind, handle.Escrow ? 0.1 : 1));
            }
        }

        foreach (var link in result.Links.Where(l => l.Evidence is "text" or "samples"))
        {
            var from = "account:" + link.From;
            var to = "account:" + link.To;
            edges.TryAdd((from, to), new GraphEdge(from, to, link.Evidence, link.Detail, link.Weight));
        }

        return new([.. nodes.Values], [.. edges.Values]);
    }

    public static void WriteGraphMl(string path, IntelResult result, bool reveal)
    {
        var (nodes, edges) = Build(result, reveal);
        using var writer = XmlWriter.Create(path, new XmlWriterSettings { Indent = true });
        writer.WriteStartDocument();
        writer.WriteStartElement("graphml", "http://graphml.graphdrawing.org/xmlns");
        Key(writer, "kind", "node", "string");
        Key(writer, "label", "node", "string");
        Key(writer, "actor", "node", "string");
        Key(writer, "posts", "node", "int");
        Key(writer, "evidence", "edge", "string");
        Key(writer, "detail", "edge", "string");
        Key(writer, "weight", "edge", "double");
        writer.WriteStartElement("graph");
        writer.WriteAttributeString("id", "tracemark-intel");
        writer.WriteAttributeString("edgedefault", "undirected");
        foreach (var n in nodes)
        {
            writer.WriteStartElement("node");
            writer.WriteAttributeString("id", n.Id);
            Data(writer, "kind", n.Kind);
            Data(writer, "label", n.Label);
            Data(writer, "actor", n.Actor);
            Data(writer, "posts", n.Posts.ToString(CultureInfo.InvariantCulture));
            writer.WriteEndElement();
        }

        var i = 0;
        foreach (var e in edges)
        {
            writer.WriteStartElement("edge");
            writer.WriteAttributeString("id", "e" + (i++).ToString(CultureInfo.InvariantCulture));
            writer.WriteAttributeString("source", e.Source);
            writer.WriteAttributeString("target", e.Target);
            Data(writer, "evidence", e.Evidence);
            Data(writer, "detail", e.Detail);
            Data(writer, "weight", e.Weight.ToString(CultureInfo.InvariantCulture));
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndDocument();
    }

    private static void Key(XmlWriter writer, string name, string domain, string type)
    {
        writer.WriteStartElement("key");
        writer.WriteAttributeString("id", name);
        writer.WriteAttributeString("for", domain);
        writer.WriteAttributeString("attr.name", name);
        writer.WriteAttributeString("attr.type", type);
        writer.WriteEndElement();
    }

    private static void Data(XmlWriter writer, string key, string value)
    {
        writer.WriteStartElement("data");
        writer.WriteAttributeString("key", key);
        writer.WriteString(value);
        writer.WriteEndElement();
    }
}
