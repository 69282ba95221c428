using System.Text;
using Tracemark.Intel.Analysis;

namespace Tracemark.Intel;

/// <summary>
/// The analysed posts, written to a temporary file as they come (compact binary, deleted when the result is disposed)
/// and read back in input order once actors are known: the run keeps per-account and per-handle state in memory,
/// never the posts, so a corpus of any size fits. Binary rather than JSON: writing and reading a post this way costs
/// about a microsecond, the JSON serializer ten.
/// </summary>
internal sealed class PostSpool : IDisposable
{
    private static readonly string[] Types = ["offer", "request", "service", "other"];
    private static readonly string[] Goods = ["personal_data", "lookup", "accounts", "sim", "bank_kit", "other"];
    private static readonly string?[] Tests = [null, "test_allowed", "no_test"];
    private static readonly string[] HandleKinds = ["qq", "wechat", "telegram", "mobile", "email", "usdt"];

    private readonly string _path;
    private readonly FileStream _stream;
    private readonly BinaryWriter _writer;
    private readonly Dictionary<string, int> _strings = new(StringComparer.Ordinal);
    private readonly List<string> _table = [];

    public PostSpool()
    {
        _path = Path.Combine(Path.GetTempPath(), $"tracemark-intel-{Guid.NewGuid():N}.spool");
        _stream = new FileStream(_path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
        _writer = new BinaryWriter(_stream, Encoding.UTF8, leaveOpen: true);
    }

    public long Count { get; private set; }

    public void Add(IntelPost post, int account)
    {
        var w = _writer;
        w.Write(account);
        w.Write(Intern(post.Source));
        w.Write(post.Post);
        w.Write(post.Time is { } t ? t.UtcTicks : -1L);
        w.Write((short)(post.Time?.Offset.TotalMinutes ?? 0));
        w.Write(Intern(post.Author));
        w.Write(post.Channel is null ? -1 : Intern(post.Channel));
        w.Write(post.ChatId is null ? -1 : Intern(post.ChatId));
        w.Write(post.MessageId ?? -1);
        w.Write((byte)Array.IndexOf(Types, post.Type));
        w.Write((byte)Array.IndexOf(Goods, post.Goods));
        w.Write((byte)post.Categories.Count);
        foreach (var c in post.Categories)
        {
            w.Write((byte)Array.IndexOf(Lexicon.Categories, c));
        }

        w.Write((sbyte)(post.Freshness is null ? -1 : Array.IndexOf(Lexicon.Freshness, post.Freshness)));
        w.Write((sbyte)(post.FirstHand is null ? -1 : post.FirstHand.Value ? 1 : 0));
        w.Write((byte)post.Fields.Count);
        foreach (var f in post.Fields)
        {
            w.Write((byte)Array.IndexOf(Lexicon.Fields, f));
        }

        w.Write(post.Quantity ?? -1);
        w.Write(post.UnitPriceYuan ?? -1);
        w.Write((byte)Array.IndexOf(Tests, post.TestPolicy));
        w.Write((byte)post.Handles.Count);
        foreach (var h in post.Handles)
        {
            w.Write((byte)Array.IndexOf(HandleKinds, h.Kind));
            w.Write(h.Value);
            w.Write(h.Escrow);
        }

        w.Write(post.SampleIdentifiers);
        w.Write(post.SamplesKnown ?? -1);
        w.Write(post.Confidence);
        w.Write((byte)post.Reasons.Count);
        foreach (var r in post.Reasons)
        {
            w.Write(Intern(r));
        }

        w.Write((byte)Math.Min(post.CredentialDumps?.Count ?? 0, byte.MaxValue));
        foreach (var d in post.CredentialDumps?.Take(byte.MaxValue) ?? [])
        {
            w.Write(Intern(d.Dataset));
            w.Write(d.Pairs);
            w.Write(d.Accounts);
        }

        Count++;
    }

    /// <summary>The posts in the order they were added, each with its account name and actor (kept by the linker,
    /// not written again here).</summary>
    public IEnumerable<IntelPost> Read(Func<int, string> accountName, Func<int, string> actorOf)
    {
        _writer.Flush();
        using var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
        using var r = new BinaryReader(stream, Encoding.UTF8);
        for (long n = 0; n < Count; n++)
        {
            var account = r.ReadInt32();
            var source = _table[r.ReadInt32()];
            var number = r.ReadInt64();
            var ticks = r.ReadInt64();
            var offset = r.ReadInt16();
            var author = _table[r.ReadInt32()];
            var channel = r.ReadInt32();
            var chat = r.ReadInt32();
            var message = r.ReadInt64();
            var type = Types[r.ReadByte()];
            var goods = Goods[r.ReadByte()];
            var categories = new string[r.ReadByte()];
            for (var i = 0; i < categories.Length; i++)
            {
                categories[i] = Lexicon.Categories[r.ReadByte()];
            }

            var freshness = r.ReadSByte();
            var firstHand = r.ReadSByte();
            var fields = new string[r.ReadByte()];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = Lexicon.Fields[r.ReadByte()];
            }

            var quantity = r.ReadInt64();
            var price = r.ReadDouble();
            var test = Tests[r.ReadByte()];
            var handles = new PostHandle[r.ReadByte()];
            for (var i = 0; i < handles.Length; i++)
            {
                handles[i] = new PostHandle(HandleKinds[r.ReadByte()], r.ReadString(), r.ReadBoolean());
            }

            var samples = r.ReadInt32();
            var known = r.ReadInt32();
            var confidence = r.ReadDouble();
            var reasons = new string[r.ReadByte()];
            for (var i = 0; i < reasons.Length; i++)
            {
                reasons[i] = _table[r.ReadInt32()];
            }

            var dumps = new Analysis.DumpMatch[r.ReadByte()];
            for (var i = 0; i < dumps.Length; i++)
            {
                dumps[i] = new Analysis.DumpMatch(_table[r.ReadInt32()], r.ReadInt32(), r.ReadInt32());
            }

            yield return new IntelPost
            {
                Source = source,
                Post = number,
                Time = ticks < 0 ? null : new DateTimeOffset(ticks + (offset * TimeSpan.TicksPerMinute), TimeSpan.FromMinutes(offset)),
                Author = author,
                Account = accountName(account),
                Channel = channel < 0 ? null : _table[channel],
                ChatId = chat < 0 ? null : _table[chat],
                MessageId = message < 0 ? null : message,
                Type = type,
                Goods = goods,
                Categories = categories,
                Freshness = freshness < 0 ? null : Lexicon.Freshness[freshness],
                FirstHand = firstHand < 0 ? null : firstHand == 1,
                Fields = fields,
                Quantity = quantity < 0 ? null : quantity,
                UnitPriceYuan = price < 0 ? null : price,
                TestPolicy = test,
                Handles = handles,
                SampleIdentifiers = samples,
                SamplesKnown = known < 0 ? null : known,
                Actor = actorOf(account),
                Confidence = confidence,
                Reasons = reasons,
                CredentialDumps = dumps.Length == 0 ? null : dumps,
            };
        }
    }

    /// <summary>Repeated strings (sources, accounts, authors, reasons) are written once and referred to by number.</summary>
    private int Intern(string value)
    {
        if (!_strings.TryGetValue(value, out var id))
        {
            id = _table.Count;
            _strings[value] = id;
            _table.Add(value);
        }

        return id;
    }

    public void Dispose()
    {
        _writer.Dispose();
        _stream.Dispose();
        File.Delete(_path);
    }
}
