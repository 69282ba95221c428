using System.Globalization;
using Tracemark.Intel.Analysis;

namespace Tracemark.Intel.Actors;

/// <summary>Why two accounts were linked into one actor.</summary>
public sealed record ActorLink(string From, string To, string Evidence, string Detail, double Weight);

/// <summary>
/// Links author accounts into actors (union–find) on four kinds of evidence: a contact handle posted by both (a QQ
/// number in one's ad that is the other's QQ account, a WeChat id, a Telegram user, a mobile, an e-mail), the same
/// USDT address, a near-duplicate ad (MinHash, checked similarity ≥ 0.85; a short ad only beside a renumbered contact,
/// gx_fruit2026 → gx_fruit2027), and the same two people in their test samples.
/// A handle behind 担保/中介 is an escrow's and never links; nor does any handle or identifier seen with more than
/// <see cref="HubLimit"/> named accounts (a group admin, an escrow nobody labelled, a famous old leak): such hubs
/// would merge the whole market into one actor. Posts without an author (plain text) are accounts of their own but
/// do not count towards that limit: a seller who pastes his ad into a text dump a hundred times is still one seller.
/// </summary>
internal sealed class ActorLinker
{
    public const int HubLimit = 10;
    private const double NearDuplicate = 0.85;

    // Beside a renumbered contact the contact is most of the evidence and the text only confirms it: a seller's new
    // post rewrites half his ad ("11偏门…" → "AAA偏门…"), while two sellers' handles share a five-letter name by chance
    // and their ads then share little (over the 55,860 pairs of posts of different actors in the three labelled sets,
    // 99.9 % share under 0.11 of their 3-grams).
    private const double RenumberedDuplicate = 0.4;
    private const int MaxBucket = 64;

    private readonly Dictionary<string, int> _accounts = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];
    private readonly Dictionary<string, Holders> _handles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Holders> _samples = new(StringComparer.Ordinal);
    private readonly List<bool> _anonymous = [];
    private readonly List<int> _signedPerAccount = [];
    private readonly List<int> _shortPerAccount = [];
    private const int SignaturesPerAccount = 16;
    private readonly Dictionary<ulong, List<int>> _bands = [];
    private readonly List<(int Account, uint[] Signature)> _signed = [];
    private readonly Dictionary<string, List<int>> _stems = new(StringComparer.Ordinal);

    public int Accounts => _names.Count;

    public string AccountName(int account) => _names[account];

    public int Account(string key)
    {
        if (!_accounts.TryGetValue(key, out var id))
        {
            id = _names.Count;
            _accounts[key] = id;
            _names.Add(key);
            _anonymous.Add(key.StartsWith("post:", StringComparison.Ordinal));
            _signedPerAccount.Add(0);
            _shortPerAccount.Add(0);
            if (key.StartsWith("qq:", StringComparison.Ordinal) && key.Length > 3 && char.IsAsciiDigit(key[3]))
            {
                // A QQ account is also the QQ number another post may give as a contact.
                Note(_handles, "qq:" + key[3..], id);
            }
        }

        return id;
    }

    /// <summary>
    /// Notes a post's handles, sample identifiers and text signature. <paramref name="shortText"/>: the text is too short
    /// (or, for a post that is not a trade post, too much like everyone's chat and spam) to link by itself; it is compared
    /// only beside a renumbered contact.
    /// </summary>
    public void Add(int account, IReadOnlyList<PostHandle> handles, IEnumerable<string> samples, uint[]? signature, bool shortText = false)
    {
        foreach (var h in handles)
        {
            if (!h.Escrow)
            {
                Note(_handles, h.Kind + ":" + h.Value, account);
            }
        }

        foreach (var s in samples)
        {
            Note(_samples, s, account);
        }

        // A few ads per account are enough to tie it to another by text; keeping every one would make memory grow with
        // the posts instead of the accounts. Short ads count apart, so chat and spam never crowd out an account's ads.
        var stemmed = handles.Any(h => !h.Escrow && Stem(h) is not null);
        var perAccount = shortText ? _shortPerAccount : _signedPerAccount;
        if (signature is null || (shortText && !stemmed) || perAccount[account]++ >= SignaturesPerAccount)
        {
            return;
        }

        var index = _signed.Count;
        _signed.Add((account, signature));

        // A banned seller comes back as gx_fruit2027 after gx_fruit2026 and reposts his ad: the ad with a renumbered
        // contact is compared whatever its length.
        foreach (var h in stemmed ? handles : [])
        {
            if (!h.Escrow && Stem(h) is { } stem)
            {
                if (!_stems.TryGetValue(stem, out var list))
                {
                    _stems[stem] = list = [];
                }

                if (list.Count <= MaxBucket)
                {
                    list.Add(index);
                }
            }
        }

        if (shortText)
        {
            return;
        }

        for (var b = 0; b < MinHash.Bands; b++)
        {
            var key = MinHash.BandKey(signature, b);
            if (!_bands.TryGetValue(key, out var list))
            {
                _bands[key] = list = [];
            }

            if (list.Count <= MaxBucket)
            {
                list.Add(index);
            }
        }
    }

    /// <summary>
    /// A WeChat or Telegram handle without its trailing number (gx_fruit2026 → gx_fruit, chadang_zy2 → chadang_zy), when
    /// at least <see cref="MinStem"/> characters are left: sellers renumber a banned contact and keep its name.
    /// </summary>
    internal static string? Stem(PostHandle handle)
    {
        if (handle.Kind is not ("wechat" or "telegram"))
        {
            return null;
        }

        var stem = handle.Value.AsSpan().TrimEnd("0123456789").TrimEnd("_-.");
        return stem.Length >= MinStem ? string.Concat(handle.Kind, ":", stem) : null;
    }

    private const int MinStem = 5;

    private void Note(Dictionary<string, Holders> index, string key, int account)
    {
        if (!index.TryGetValue(key, out var holders))
        {
            index[key] = holders = new Holders();
        }

        var list = _anonymous[account] ? holders.Anonymous : holders.Named;
        if ((list == holders.Anonymous || list.Count <= HubLimit) && !list.Contains(account))
        {
            list.Add(account);
        }
    }

    /// <summary>The accounts that posted a handle or identifier: named ones (capped just past the hub limit) and anonymous ones.</summary>
    private sealed class Holders
    {
        public List<int> Named { get; } = [];

        public List<int> Anonymous { get; } = [];

        public bool IsHub => Named.Count > HubLimit;

        public List<int> All => [.. Named, .. Anonymous];
    }

    /// <summary>The actor (root account) of every account, and the links that made them.</summary>
    public (int[] Actor, List<ActorLink> Links, List<string> Hubs) Link()
    {
        var parent = Enumerable.Range(0, _names.Count).ToArray();
        int Find(int x)
        {
            while (parent[x] != x)
            {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }

            return x;
        }

        var links = new List<ActorLink>();
        var hubs = new List<string>();
        void Union(int a, int b, string evidence, string detail, double weight)
        {
            var ra = Find(a);
            var rb = Find(b);
            links.Add(new ActorLink(_names[a], _names[b], evidence, detail, weight));
            if (ra != rb)
            {
                parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
            }
        }

        foreach (var (key, holders) in _handles.OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            if (holders.IsHub)
            {
                hubs.Add(key);
                continue;
            }

            var accounts = holders.All;
            var kind = key[..key.IndexOf(':', StringComparison.Ordinal)];
            for (var i = 1; i < accounts.Count; i++)
            {
                // Link details name the handle; a mobile or e-mail handle is a personal identifier, so masked.
                var shown = new PostHandle(kind, key[(kind.Length + 1)..], false).Masked().Value;
                Union(accounts[0], accounts[i], kind == "usdt" ? "payment" : "contact", $"same {kind} {shown}", kind == "usdt" ? 0.97 : 0.95);
            }
        }

        // Samples: pairs of accounts that show the same two people (two shared identifiers of one kind: a person's
        // mobile and ID number together are one person, not two).
        var pairs = new Dictionary<(int, int, string), int>();
        foreach (var (sample, holders) in _samples)
        {
            var kind = sample[..sample.IndexOf(':', StringComparison.Ordinal)];
            var accounts = holders.All;
            if (holders.IsHub || accounts.Count < 2 || accounts.Count > 4 * HubLimit)
            {
                continue;
            }

            for (var i = 0; i < accounts.Count; i++)
            {
                for (var j = i + 1; j < accounts.Count; j++)
                {
                    var pair = (Math.Min(accounts[i], accounts[j]), Math.Max(accounts[i], accounts[j]), kind);
                    pairs[pair] = pairs.GetValueOrDefault(pair) + 1;
                }
            }
        }

        foreach (var ((a, b, kind), shared) in pairs.OrderBy(p => p.Key))
        {
            if (shared >= 2 && Find(a) != Find(b))
            {
                Union(a, b, "samples", $"{shared} shared sample {kind} identifiers", 0.9);
            }
        }

        // Near-duplicate ads: candidates from shared bands, checked on the whole signature.
        var seen = new HashSet<(int, int)>();
        foreach (var (_, members) in _bands)
        {
            Compare(members, NearDuplicate, seen, "near-duplicate ad");
        }

        // The same ad, short or long, beside a renumbered contact (a short formulaic ad alone is alike across sellers;
        // beside the same contact name with a new number it is the seller's repost).
        foreach (var (stem, members) in _stems.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            Compare(members, RenumberedDuplicate, null, $"the same ad beside a renumbered contact {stem[(stem.IndexOf(':', StringComparison.Ordinal) + 1)..]}…");
        }

        // Links every pair of a bucket's signed ads (of different accounts not yet one actor) at the threshold or above.
        void Compare(List<int> members, double threshold, HashSet<(int, int)>? compared, string what)
        {
            if (members.Count < 2 || members.Count > MaxBucket)
            {
                return;
            }

            for (var i = 0; i < members.Count; i++)
            {
                for (var j = i + 1; j < members.Count; j++)
                {
                    var (a, sa) = _signed[members[i]];
                    var (b, sb) = _signed[members[j]];
                    if (a == b || Find(a) == Find(b) || (compared is not null && !compared.Add((members[i], members[j]))))
                    {
                        continue;
                    }

                    var similarity = MinHash.Similarity(sa, sb);
                    if (similarity >= threshold)
                    {
                        Union(a, b, "text", $"{what} (similarity {similarity.ToString("0.00", CultureInfo.InvariantCulture)})", 0.8);
                    }
                }
            }
        }

        var actor = new int[_names.Count];
        for (var i = 0; i < actor.Length; i++)
        {
            actor[i] = Find(i);
        }

        return (actor, links, hubs);
    }
}
