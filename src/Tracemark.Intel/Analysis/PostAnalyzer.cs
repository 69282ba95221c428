using System.Globalization;
using Tracemark.Identifiers;
using Tracemark.Intel.Posts;
using Tracemark.Scanning.Detection;

namespace Tracemark.Intel.Analysis;

/// <summary>A handle as reported: kind, canonical value, and whether it is an escrow's (担保) rather than the author's.</summary>
public sealed record PostHandle(string Kind, string Value, bool Escrow);

/// <summary>What one post says about the trade (the text itself is not kept).</summary>
internal sealed record PostAnalysis
{
    public required Post Post { get; init; }

    public required string Type { get; init; }

    public required string Goods { get; init; }

    public string[] Categories { get; init; } = [];

    public string? Freshness { get; init; }

    public bool? FirstHand { get; init; }

    public string[] Fields { get; init; } = [];

    public long? Quantity { get; init; }

    public double? UnitPrice { get; init; }

    public string? TestPolicy { get; init; }

    public List<PostHandle> Handles { get; init; } = [];

    /// <summary>Personal identifiers in the post's sample: kind and canonical value (never printed in clear).</summary>
    public List<(IdentifierKind Kind, string Value)> Samples { get; init; } = [];

    public double Confidence { get; init; }

    public List<string> Reasons { get; init; } = [];

    /// <summary>The text with identifiers masked, for reports.</summary>
    public string Masked { get; init; } = string.Empty;

    /// <summary>MinHash of the post's own words (null when too short to compare).</summary>
    public uint[]? Signature { get; init; }
}

/// <summary>
/// Reads one post: handles first (and blanks them, so a WeChat id cannot read as a price or a word), then the
/// sample identifiers through the scanner's text recognizers, then the trade's words. The goods are decided by
/// weighing the trade's evidence against the hard negatives' (drug, gambling, traffic-group and loan-ad words):
/// 水果 counts as data only beside data context (fields, 条 quantities, freshness, categories). One instance per
/// thread: it reuses its buffers.
/// </summary>
internal sealed class PostAnalyzer
{
    private readonly TextScanner _scanner = new();
    private readonly SampleSink _sink = new();
    private readonly List<FoundHandle> _handles = [];
    private readonly List<(Cue Cue, byte Arg, int Start, int End)> _hits = [];
    private char[] _folded = new char[1024];
    private char[] _lower = new char[1024];
    private char[] _blanked = new char[1024];

    public PostAnalysis Analyze(Post post)
    {
        var text = post.Text;
        if (_folded.Length < text.Length)
        {
            var n = Math.Max(text.Length, _folded.Length * 2);
            _folded = new char[n];
            _lower = new char[n];
            _blanked = new char[n];
        }

        var folded = _folded.AsSpan(0, text.Length);
        var lower = _lower.AsSpan(0, text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            // Full-width ASCII (ＶＸ：, １２３) reads as ASCII; CJK punctuation (。，) stays: folding 。 to '.' would
            // glue "…@qq.com。QQ…" into one address and "。1一条" into a decimal.
            if (c is >= '\uFF01' and <= '\uFF5E')
            {
                c = (char)(c - 0xFEE0);
            }
            else if (c == '\u3000')
            {
                c = ' ';
            }

            folded[i] = c;
            lower[i] = char.IsAsciiLetterUpper(c) ? (char)(c | 0x20) : c;
        }

        _handles.Clear();
        HandleExtractor.Extract(folded, lower, _handles);
        var blanked = _blanked.AsSpan(0, text.Length);
        lower.CopyTo(blanked);
        foreach (var h in _handles)
        {
            blanked[h.Start..h.End].Fill(' ');
        }

        // Samples: the scanner's recognizers on the text without the handles (a contact mobile is not a sample).
        _sink.Clear();
        var original = new string(text.AsSpan());
        var scanText = original.ToCharArray();
        foreach (var h in _handles)
        {
            scanText.AsSpan(h.Start, h.End - h.Start).Fill(' ');
        }

        _scanner.Scan(scanText, 0, scanText.Length, [], _sink);

        // Long digit runs (IDs, cards, mobiles) are never prices or quantities.
        BlankLongDigits(blanked);
        Match(blanked);
        return Decide(post, blanked) with { Signature = Actors.MinHash.Signature(blanked) };
    }

    private static void BlankLongDigits(Span<char> text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var digit = i < text.Length && (char.IsAsciiDigit(text[i]) || (start >= 0 && text[i] is 'x'));
            if (digit && start < 0)
            {
                start = i;
            }
            else if (!digit && start >= 0)
            {
                if (i - start >= 9)
                {
                    text[start..i].Fill(' ');
                }

                start = -1;
            }
        }
    }

    private void Match(ReadOnlySpan<char> text)
    {
        _hits.Clear();
        var i = 0;
        while (i < text.Length)
        {
            if (Lexicon.ByFirst.TryGetValue(text[i], out var terms))
            {
                var matched = false;
                foreach (var term in terms)
                {
                    if (text[i..].StartsWith(term.Text, StringComparison.Ordinal)
                        && !(char.IsAsciiLetter(term.Text[0]) && ((i > 0 && char.IsAsciiLetterOrDigit(text[i - 1])) || (i + term.Text.Length < text.Length && char.IsAsciiLetter(term.Text[^1]) && char.IsAsciiLetterOrDigit(text[i + term.Text.Length])))))
                    {
                        if (term.Cue != Cue.None)
                        {
                            _hits.Add((term.Cue, term.Arg, i, i + term.Text.Length));
                        }

                        i += term.Text.Length;
                        matched = true;
                        break;
                    }
                }

                if (matched)
                {
                    continue;
                }
            }

            i++;
        }
    }

    private PostAnalysis Decide(Post post, ReadOnlySpan<char> blanked)
    {
        int Count(Cue cue)
        {
            var n = 0;
            foreach (var h in _hits)
            {
                n += h.Cue == cue ? 1 : 0;
            }

            return n;
        }

        var reasons = new List<string>();
        var fields = new SortedSet<int>();
        var categories = new List<int>();
        int? fresh = null;
        foreach (var h in _hits)
        {
            switch (h.Cue)
            {
                case Cue.Field:
                    fields.Add(h.Arg);
                    break;
                case Cue.Bundle3:
                    fields.UnionWith([0, 1, 2]);
                    break;
                case Cue.Bundle4:
                    fields.UnionWith([0, 1, 2, 4]);
                    break;
                case Cue.Category when !categories.Contains(h.Arg):
                    categories.Add(h.Arg);
                    break;
                case Cue.Fresh:
                    fresh ??= h.Arg;
                    break;
            }
        }

        PriceParser.Parse(blanked, out var quantity, out var price);
        var countsRecords = quantity is not null && blanked.Contains('条');
        var samples = _sink.Found.Count(f => f.Kind is IdentifierKind.ResidentId or IdentifierKind.Mobile or IdentifierKind.BankCard);
        var hasData = Count(Cue.Data) > 0;
        var dataContext = fields.Count >= 2 || countsRecords || fresh is not null || categories.Count > 0 || samples >= 2 || Count(Cue.SampleHeader) > 0;
        var cover = Count(Cue.Cover) > 0 && dataContext;

        double pd = 0;
        if (hasData || cover || (samples >= 2 && (fields.Count >= 2 || categories.Count > 0)))
        {
            pd = 2 + (fields.Count >= 2 ? 1 : 0) + (samples >= 2 ? 2 : 0) + (countsRecords ? 0.5 : 0) + (fresh is not null ? 0.5 : 0) + (categories.Count > 0 ? 0.5 : 0);
            reasons.Add(hasData ? "data words (料/数据/资料/名单)" : cover ? "水果 beside data context" : "sample identifiers with fields");
        }

        var scores = new (string Goods, double Score)[]
        {
            ("personal_data", pd),
            ("lookup", (2 * Count(Cue.Lookup)) + Count(Cue.ServiceVerb)),
            ("accounts", 2 * Count(Cue.Account)),
            ("sim", 2 * Count(Cue.Sim)),
            ("bank_kit", 2 * Count(Cue.Kit)),
        };
        Array.Sort(scores, (a, b) => b.Score.CompareTo(a.Score));
        var negatives = new (string Why, double Score)[]
        {
            ("drug words", 1.5 * (Count(Cue.Drug) + Grams(blanked) + (Count(Cue.Cover) > 0 && !dataContext ? 1 : 0))),
            ("gambling words", 1.5 * Count(Cue.Gambling)),
            ("traffic-group words", 2 * Count(Cue.Traffic)),
            ("loan-ad words", 1.5 * Count(Cue.LoanAd)),
        };
        Array.Sort(negatives, (a, b) => b.Score.CompareTo(a.Score));
        var best = scores[0];
        var negative = negatives[0];
        var handles = _handles.Select(h => new PostHandle(h.Kind, h.Value, h.Escrow)).ToList();
        var masked = Mask(post.Text);
        var found = _sink.Found.Where(f => f.Kind is IdentifierKind.ResidentId or IdentifierKind.Mobile or IdentifierKind.BankCard).Distinct().ToList();
        if (best.Score < 2 || negative.Score >= best.Score)
        {
            if (negative.Score > 0)
            {
                reasons.Add(negative.Why);
            }

            var margin = Math.Max(negative.Score, 2) - best.Score;
            return new PostAnalysis
            {
                Post = post,
                Type = "other",
                Goods = "other",
                Handles = handles,
                Samples = found,
                Confidence = Confidence(margin),
                Reasons = reasons.Count > 0 ? reasons : ["no trade words"],
                Masked = masked,
            };
        }

        var goods = best.Goods;
        if (goods != "personal_data")
        {
            reasons.Add(goods switch
            {
                "lookup" => "lookup words (查人/定位/开房/征信)",
                "accounts" => "account words (老号/白号/账号)",
                "sim" => "SIM words (卡商/猫池/接码)",
                _ => "bank-kit words (四件套/对公户)",
            });
        }

        var request = Count(Cue.Request) + Adjacent(Cue.RequestChar);
        var offer = Count(Cue.Offer) + Adjacent(Cue.OfferChar);
        var type = goods == "lookup" && request == 0 ? "service" : request > offer ? "request" : "offer";
        reasons.Add(type switch
        {
            "service" => "lookups offered on demand",
            "request" => "buying words (收/求购/需要)",
            _ => offer > 0 ? "selling words (出/出售/供应)" : "no buying words: an offer",
        });
        if (negative.Score > 0)
        {
            reasons.Add($"despite {negative.Why}");
        }

        var pdGoods = goods == "personal_data";
        if (pdGoods)
        {
            foreach (var f in found)
            {
                fields.Add(f.Kind switch { IdentifierKind.ResidentId => 2, IdentifierKind.Mobile => 1, _ => 4 });
            }

            if (found.Count > 0)
            {
                foreach (var kind in _sink.Kinds)
                {
                    if (kind == IdentifierKind.Name)
                    {
                        fields.Add(0);
                    }
                    else if (kind == IdentifierKind.Address)
                    {
                        fields.Add(3);
                    }
                }
            }
        }

        bool? firstHand = pdGoods && Count(Cue.FirstHand) > 0 ? true : pdGoods && Count(Cue.SecondHand) > 0 ? false : null;
        var test = Count(Cue.NoTest) > 0 ? "no_test" : Count(Cue.TestAllowed) > 0 ? "test_allowed" : null;
        return new PostAnalysis
        {
            Post = post,
            Type = type,
            Goods = goods,
            Categories = pdGoods ? [.. categories.Select(c => Lexicon.Categories[c])] : [],
            Freshness = pdGoods && fresh is { } f2 ? Lexicon.Freshness[f2] : null,
            FirstHand = firstHand,
            Fields = pdGoods ? [.. fields.Select(f => Lexicon.Fields[f])] : [],
            Quantity = quantity,
            UnitPrice = price is { } p && p > 0 && double.IsFinite(p) ? Math.Round(p, 6) : null,
            TestPolicy = pdGoods ? test : null,
            Handles = handles,
            Samples = found,
            Confidence = Confidence(best.Score - Math.Max(scores[1].Score, negative.Score)),
            Reasons = reasons,
            Masked = masked,
        };
    }

    /// <summary>Weights in grams ("100一克", "30g"): 克 alone is too common a character (克孜勒苏, 巧克力).</summary>
    private static int Grams(ReadOnlySpan<char> text)
    {
        var n = 0;
        for (var i = 1; i < text.Length; i++)
        {
            var unit = text[i] == '克' || (text[i] == 'g' && (i + 1 == text.Length || !char.IsAsciiLetterOrDigit(text[i + 1])));
            if (unit && (char.IsAsciiDigit(text[i - 1]) || "一二两三四五六七八九十百千".Contains(text[i - 1], StringComparison.Ordinal)))
            {
                n++;
            }
        }

        return n;
    }

    /// <summary>How many times a one-character verb (出, 收) stands right before goods, a category or freshness.</summary>
    private int Adjacent(Cue verb)
    {
        var n = 0;
        for (var i = 0; i < _hits.Count - 1; i++)
        {
            if (_hits[i].Cue != verb)
            {
                continue;
            }

            var next = _hits[i + 1];
            if (next.Start - _hits[i].End <= 2 && next.Cue is Cue.Data or Cue.Cover or Cue.Category or Cue.Fresh or Cue.Account or Cue.Sim or Cue.Kit or Cue.Lookup)
            {
                n++;
            }
        }

        return n;
    }

    /// <summary>Evidence margin to a 0.5–1 confidence: 0 → 0.5, 2 → 0.82, 4 → 0.95.</summary>
    private static double Confidence(double margin) => Math.Round(1 - (0.5 * Math.Exp(-Math.Max(margin, 0) / 1.6)), 2);

    private string Mask(string text)
    {
        if (_sink.Found.Count == 0)
        {
            return text;
        }

        var masked = text;
        foreach (var (kind, value) in _sink.Found)
        {
            masked = masked.Replace(value, Masking.Mask(kind, value), StringComparison.Ordinal);
        }

        return masked;
    }

    private sealed class SampleSink : IFindingSink
    {
        public List<(IdentifierKind Kind, string Value)> Found { get; } = [];

        public HashSet<IdentifierKind> Kinds { get; } = [];

        public void Clear()
        {
            Found.Clear();
            Kinds.Clear();
        }

        public void Add(IdentifierKind kind, ReadOnlySpan<char> canonical, float confidence, string reason)
        {
            Kinds.Add(kind);
            if (kind is IdentifierKind.ResidentId or IdentifierKind.Mobile or IdentifierKind.BankCard)
            {
                Found.Add((kind, canonical.ToString()));
            }
        }
    }

    internal static string Format(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
