using System.Collections.Frozen;
using System.Globalization;
using Tracemark.Identifiers;
using Tracemark.Intel.Posts;
using Tracemark.Scanning;

namespace Tracemark.Intel.Analysis;

/// <summary>A handle as reported: kind, canonical value, and whether it is an escrow's (担保) rather than the author's.</summary>
public sealed record PostHandle(string Kind, string Value, bool Escrow)
{
    /// <summary>The handle as output shows it without --reveal: mobile and e-mail handles are personal identifiers,
    /// masked like every identifier; QQ, WeChat, Telegram and USDT handles are trading accounts, shown.</summary>
    public PostHandle Masked() => Kind switch
    {
        "mobile" => this with { Value = Masking.Mask(IdentifierKind.Mobile, Value) },
        "email" => this with { Value = Masking.Mask(IdentifierKind.Email, Value) },
        _ => this,
    };
}

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

    public IReadOnlyList<PostHandle> Handles { get; init; } = [];

    /// <summary>Personal identifiers in the post's sample: kind and canonical value (never printed in clear).</summary>
    public List<(IdentifierKind Kind, string Value)> Samples { get; init; } = [];

    public double Confidence { get; init; }

    public IReadOnlyList<string> Reasons { get; init; } = [];

    /// <summary>MinHash of the post's own words (null when too short to compare).</summary>
    public uint[]? Signature { get; init; }

    /// <summary>The signed text is shorter than <see cref="Actors.MinHash.MinLength"/>: it links only beside a renumbered contact.</summary>
    public bool ShortSignature { get; init; }
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
    private readonly TextFinder _scanner = new();
    private readonly SampleSink _sink = new();
    private readonly List<FoundHandle> _handles = [];
    private readonly List<(Cue Cue, byte Arg, int Start, int End)> _hits = [];
    private char[] _folded = new char[1024];
    private char[] _lower = new char[1024];
    private char[] _blanked = new char[1024];
    private char[] _scan = new char[1024];
    private readonly FrozenDictionary<char, Term[]> _terms;

    public PostAnalyzer()
        : this(null)
    {
    }

    /// <summary>
    /// An analyzer whose lexicon lacks <paramref name="withoutTerms"/>: cross-validation withdraws the words that only
    /// the held-out posts use, as if the rules had been written without seeing them.
    /// </summary>
    public PostAnalyzer(IReadOnlySet<string>? withoutTerms)
        : this(withoutTerms, GoodsModel.Shipped, DefaultRuleTrust)
    {
    }

    /// <summary>
    /// An analyzer that weighs the rules' goods against <paramref name="model"/>'s (null: the rules alone). The
    /// model's class wins only where its probability exceeds the rules' class's by more than
    /// <paramref name="ruleTrust"/> × the rules' confidence (0.5–1; an abstention — no goods evidence at all, beside a
    /// contact, price or trade verb — counts 0.5).
    /// </summary>
    public PostAnalyzer(IReadOnlySet<string>? withoutTerms, GoodsModel? model, double ruleTrust)
    {
        _terms = withoutTerms is null || withoutTerms.Count == 0 ? Lexicon.ByFirst : Lexicon.Without(withoutTerms);
        _model = model;
        _ruleTrust = ruleTrust;
    }

    /// <summary>
    /// How much the rules' verdict counts against the model's (see the constructor). Chosen by leave-one-set-out
    /// cross-validation over the four labelled sets (bench/Tracemark.IntelTrainer --cv prints the figures for each
    /// value tried; docs/intel.md has them): the one scalar fitted on those folds.
    /// </summary>
    public const double DefaultRuleTrust = 1.5;

    private readonly GoodsModel? _model;
    private readonly double _ruleTrust;

    /// <summary>How many posts this analyzer gave to the model (the trainer's <c>--reach</c> reports it: what the model costs).</summary>
    public int ModelCalls { get; private set; }

    /// <summary>When set, every lexicon term matched (including the words that only swallow a cue) is added.</summary>
    public HashSet<string>? MatchedTerms { get; set; }

    public PostAnalysis Analyze(Post post)
    {
        var text = post.Text;
        if (_folded.Length < text.Length)
        {
            var n = Math.Max(text.Length, _folded.Length * 2);
            _folded = new char[n];
            _lower = new char[n];
            _blanked = new char[n];
            _scan = new char[n];
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
            else if (c >= '\u4E00')
            {
                c = Lexicon.Fold[c];
            }

            folded[i] = c;
            lower[i] = char.IsAsciiLetterUpper(c) ? (char)(c | 0x20) : c;
        }

        _handles.Clear();
        HandleExtractor.Extract(folded, lower, _handles);
        var blanked = _blanked.AsSpan(0, text.Length);
        var scan = _scan.AsSpan(0, text.Length);
        lower.CopyTo(blanked);
        text.CopyTo(scan);
        foreach (var h in _handles)
        {
            blanked[h.Start..h.End].Fill(' ');
            scan[h.Start..h.End].Fill(' ');
        }

        // Samples: the scanner's recognizers on the text without the handles (a contact mobile is not a sample). The
        // samples kept are mobiles, resident IDs and bank cards — 11 digits at least — so a text with fewer digits
        // (counting every character the scanner's fold makes a digit: all of them are Unicode numbers) is not scanned;
        // that is most posts, and the scan was the largest part of the analysis.
        _sink.Clear();
        if (MayHoldSample(scan))
        {
            _scanner.Find(scan, _sink);
        }

        // Long digit runs (IDs, cards, mobiles) are never prices or quantities.
        BlankLongDigits(blanked);
        blanked = Unspace(blanked);
        Match(blanked);
        // Only trade posts are compared by text (the linker ignores the rest), so only they get a signature.
        var analysis = Decide(post, blanked);
        // Other posts get one only when they leave a WeChat or Telegram contact: a spam or laundering ad reposted beside
        // a renumbered contact is still one actor's (the linker compares those only).
        var trade = analysis.Goods != "other";
        if (!trade && !_handles.Exists(h => h.Kind is "wechat" or "telegram"))
        {
            return analysis;
        }

        var signature = Actors.MinHash.Signature(blanked, out var shortText);
        return analysis with { Signature = signature, ShortSignature = shortText || !trade };
    }

    /// <summary>The text with its sample identifiers and its mobile and e-mail handles masked (examples in reports).</summary>
    public static string Mask(string text, IReadOnlyList<(IdentifierKind Kind, string Value)> samples, IReadOnlyList<PostHandle>? handles = null)
    {
        var masked = text;
        foreach (var (kind, value) in samples)
        {
            masked = masked.Replace(value, Masking.Mask(kind, value), StringComparison.Ordinal);
        }

        foreach (var h in handles ?? [])
        {
            if (h.Kind is "mobile" or "email")
            {
                masked = masked.Replace(h.Value, h.Masked().Value, StringComparison.OrdinalIgnoreCase);
            }
        }

        return masked;
    }

    /// <summary>
    /// "数 据 出 售", "出 股 民 数 据": ads spell words a character at a time to slip past keyword filters. A run of three
    /// or more single Chinese characters, each standing alone between spaces, is read without its spaces (in place;
    /// the text only gets shorter). Words written word by word ("老板 收 高价") have two-character words between and
    /// keep their spaces.
    /// </summary>
    internal static Span<char> Unspace(Span<char> text)
    {
        static bool Single(ReadOnlySpan<char> t, int i) => t[i] >= '\u3400' && (i == 0 || t[i - 1] == ' ') && (i + 1 == t.Length || t[i + 1] == ' ');

        var n = 0;
        var i = 0;
        while (i < text.Length)
        {
            // A run: single, space, single, space, single …
            var end = i;
            var singles = 0;
            while (end < text.Length && Single(text, end))
            {
                singles++;
                if (end + 2 < text.Length && text[end + 1] == ' ' && Single(text, end + 2))
                {
                    end += 2;
                    continue;
                }

                end++;
                break;
            }

            if (singles >= 3)
            {
                for (var k = i; k < end; k += 2)
                {
                    text[n++] = text[k];
                }

                i = end;
                continue;
            }

            text[n++] = text[i++];
        }

        return text[..n];
    }

    /// <summary>Whether <paramref name="text"/> has the 11 digits the shortest sample identifier (a mobile) needs.</summary>
    internal static bool MayHoldSample(ReadOnlySpan<char> text)
    {
        var digits = 0;
        foreach (var c in text)
        {
            // CJK ideographs are letters, never numbers: the common case skips the category lookup.
            if ((char.IsAsciiDigit(c) || (c >= '\u0080' && c is < '\u4E00' or > '\u9FFF' && char.IsNumber(c))) && ++digits >= 11)
            {
                return true;
            }
        }

        return false;
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
            if (_terms.TryGetValue(text[i], out var terms))
            {
                var matched = false;
                foreach (var term in terms)
                {
                    var length = MatchLength(text, i, term.Text);
                    if (length > 0
                        && !(char.IsAsciiLetter(term.Text[0]) && ((i > 0 && char.IsAsciiLetterOrDigit(text[i - 1])) || (i + length < text.Length && char.IsAsciiLetter(term.Text[^1]) && char.IsAsciiLetterOrDigit(text[i + length])))))
                    {
                        MatchedTerms?.Add(term.Text);
                        if (term.Cue != Cue.None)
                        {
                            _hits.Add((term.Cue, term.Arg, i, i + length));
                        }

                        i += length;
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

    /// <summary>
    /// How many characters of <paramref name="text"/> from <paramref name="i"/> spell <paramref name="term"/>, or 0.
    /// One space may stand between two Chinese characters of a term of three or more: ads split words to slip past
    /// keyword filters and write word by word ("有货 的 联系", "租 微信", "长期 要"), as they split contact cues.
    /// </summary>
    private static int MatchLength(ReadOnlySpan<char> text, int i, string term)
    {
        if (text[i..].StartsWith(term, StringComparison.Ordinal))
        {
            return term.Length;
        }

        // Two characters either side of a space are as often two words ("是谁 有偿" is no 谁有).
        if (term.Length < 3)
        {
            return 0;
        }

        var at = i;
        for (var k = 0; k < term.Length; k++, at++)
        {
            if (at < text.Length && k > 0 && text[at] == ' ' && term[k - 1] >= '\u3400' && term[k] >= '\u3400' && at + 1 < text.Length && text[at + 1] == term[k])
            {
                at++;
            }

            if (at >= text.Length || text[at] != term[k])
            {
                return 0;
            }
        }

        return at - i;
    }

    private static readonly string[] NoTradeWords = ["no trade words"];

    private static readonly string[] BareWord = ["an everyday data word alone (料/数据/资料/名单): nothing makes it people's records"];

    private static readonly System.Buffers.SearchValues<char> TalkMarks = System.Buffers.SearchValues.Create("了吗吧呢啊哪么我你？?");

    /// <summary>昨天, 今天, 当天 and 昨日 also date a chat line ("昨天那份名单你看了吗"): in talk they are not freshness.</summary>
    private static int DayWords(ReadOnlySpan<char> text)
    {
        var n = 0;
        foreach (var day in (ReadOnlySpan<string>)["昨天", "昨日", "当天", "今日"])
        {
            n += text.Contains(day, StringComparison.Ordinal) ? 1 : 0;
        }

        return n;
    }

    private bool Talk(ReadOnlySpan<char> text, ReadOnlySpan<int> counts, int dataHits, int kitHits, int softRequest, bool numbersOrSamples)
    {
        var goodsWords = dataHits + counts[(int)Cue.Cover] + counts[(int)Cue.Bundle3] + counts[(int)Cue.Bundle4] + counts[(int)Cue.Lookup] + counts[(int)Cue.Account] + counts[(int)Cue.Sim] + kitHits;
        // 需要 and a 要 before the goods are talk's words too ("要开对公户吗", "需要准备什么"); 出 and 收 count only
        // where they stand before goods.
        var deal = counts[(int)Cue.Offer] + counts[(int)Cue.Request] - softRequest + SoftBeforeGoods() + Adjacent(Cue.OfferChar, text) + Adjacent(Cue.RequestChar, text, exceptWant: true) + counts[(int)Cue.Invite] + counts[(int)Cue.ServiceVerb] + counts[(int)Cue.AccountRequest]
            + Math.Max(0, counts[(int)Cue.Fresh] - DayWords(text)) + counts[(int)Cue.FirstHand] + counts[(int)Cue.SecondHand] + counts[(int)Cue.TestAllowed] + counts[(int)Cue.NoTest] + counts[(int)Cue.Package] + counts[(int)Cue.SampleHeader] + _handles.Count;
        return goodsWords == 1 && deal == 0 && !numbersOrSamples
            && !text.Contains("http", StringComparison.Ordinal) && !text.Contains("t.me", StringComparison.Ordinal)
            && (text.ContainsAny(TalkMarks) || TalkWords(text));
    }

    /// <summary>Cues that name what is traded (goods, its people, freshness, hand, fields bundles): what a verb stands before.</summary>
    private static bool Goods(Cue cue) => cue is Cue.Data or Cue.Cover or Cue.Category or Cue.Fresh or Cue.Account or Cue.Sim or Cue.Kit or Cue.Lookup or Cue.FirstHand or Cue.Bundle3 or Cue.Bundle4;

    /// <summary>需要 right before goods ("需要精准数据的联系我") is an ad's; before another verb ("需要准备") it is talk.</summary>
    private int SoftBeforeGoods()
    {
        var n = 0;
        for (var i = 0; i + 1 < _hits.Count; i++)
        {
            var (cue, arg, _, end) = _hits[i];
            var next = _hits[i + 1];
            if (cue == Cue.Request && arg == 2 && next.Start - end <= 2 && Goods(next.Cue))
            {
                n++;
            }
        }

        return n;
    }

    /// <summary>
    /// Whether a selling or buying verb stands before hit <paramref name="k"/> in its clause (spaces do not end one,
    /// punctuation and line breaks do): "出全行业数据", "收 棋牌 充值 玩家 数据", "需要精准数据的" name the goods of a deal,
    /// "有没有考研资料" and "火锅的料" do not.
    /// </summary>
    private bool TradedInClause(int k, ReadOnlySpan<char> text)
    {
        var start = text[..(_hits[k].Start)].LastIndexOfAny(ClauseEnds) + 1;
        for (var j = k - 1; j >= 0 && _hits[j].Start >= start; j--)
        {
            if (_hits[j].Cue is Cue.Offer or Cue.Request or Cue.OfferChar or Cue.RequestChar)
            {
                return true;
            }
        }

        return false;
    }

    private static readonly System.Buffers.SearchValues<char> ClauseEnds = System.Buffers.SearchValues.Create("。，,！!？?；;\n\r|");

    /// <summary>The data words that are also everyday words (料 is counted apart: its hits carry their own argument).</summary>
    private static bool Generic(ReadOnlySpan<char> word) => word is "数据" or "资料" or "名单" or "文档";

    /// <summary>Questions to the group that no ad asks: "问下财务", "请问", "多久到账", "怎么弄".</summary>
    private static bool TalkWords(ReadOnlySpan<char> text)
    {
        foreach (var word in (ReadOnlySpan<string>)["问下", "请问", "问一下", "多久", "怎么"])
        {
            if (text.Contains(word, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private PostAnalysis Decide(Post post, ReadOnlySpan<char> blanked)
    {
        // One pass over the hits: counts per cue, fields as bits, categories in order of appearance, first freshness.
        Span<int> counts = stackalloc int[64];
        Span<int> categories = stackalloc int[Lexicon.Categories.Length];
        var categoryCount = 0;
        var fieldBits = 0;
        var fresh = -1;
        int bareLiao = 0, genericData = 0, weakRequest = 0, softRequest = 0, strongKit = 0, bankCard = 0, kitRequested = 0, lookupRequest = 0, coverVerb = 0, rent = 0, rentOut = 0, askSeller = 0;
        for (var k = 0; k < _hits.Count; k++)
        {
            var h = _hits[k];
            var next = k + 1 < _hits.Count && _hits[k + 1].Start - h.End <= 1 ? _hits[k + 1].Cue : Cue.None;
            var near = k + 1 < _hits.Count && _hits[k + 1].Start - h.End <= 2 ? _hits[k + 1].Cue : Cue.None;
            var previous = k > 0 && h.Start - _hits[k - 1].End <= 1 ? _hits[k - 1].Cue : Cue.None;

            // 客户 is records right after a category (医美客户, 网贷客户), and 号 an account right after an app
            // (支付宝号, 陌陌 探探 号); alone they are words of every chat.
            if ((h.Cue == Cue.Data && h.Arg == 2 && previous != Cue.Category) || (h.Cue == Cue.Account && h.Arg == 1 && previous != Cue.App))
            {
                continue;
            }

            // 棋牌数据, 彩票数据, 色播数据, 贷款数据: a vertical of records for sale, not a gambling, porn or loan ad.
            if (h.Cue is Cue.Gambling or Cue.Spam or Cue.Laundering or Cue.Traffic or Cue.LoanAd or Cue.Drug && next == Cue.Data)
            {
                continue;
            }

            counts[(int)h.Cue]++;
            switch (h.Cue)
            {
                case Cue.Field:
                    fieldBits |= 1 << h.Arg;
                    break;
                case Cue.Bundle3:
                    fieldBits |= 0b111;
                    break;
                case Cue.Bundle4:
                    fieldBits |= 0b10111;
                    break;
                case Cue.Category when !categories[..categoryCount].Contains(h.Arg):
                    categories[categoryCount++] = h.Arg;
                    break;
                case Cue.Fresh:
                    fresh = fresh < 0 ? h.Arg : fresh;

                    // 老料, 历史料, 陈料: records of an age.
                    if (blanked[h.End - 1] == '料')
                    {
                        counts[(int)Cue.Data]++;
                        bareLiao++;
                    }

                    break;
                case Cue.Data when h.Arg == 1:
                    bareLiao++;
                    genericData += TradedInClause(k, blanked) ? 0 : 1;
                    break;
                case Cue.Data when Generic(blanked[h.Start..h.End]) && !TradedInClause(k, blanked):
                    genericData++;
                    break;
                case Cue.AccountRequest when h.Arg == 1:
                    rent++;
                    break;
                case Cue.Offer when h.Arg == 1:
                    counts[(int)Cue.Cover]++;
                    coverVerb++;
                    break;
                case Cue.Offer when h.Arg == 3:
                    rentOut++;
                    break;
                case Cue.Offer when h.Arg == 2:
                    counts[(int)Cue.Data]++;
                    bareLiao++;
                    break;
                case Cue.Request when h.Arg == 4:
                    counts[(int)Cue.Data]++;
                    bareLiao++;
                    lookupRequest++;
                    break;
                case Cue.Request when h.Arg == 3:
                    counts[(int)Cue.Cover]++;
                    coverVerb++;
                    lookupRequest++;
                    break;
                case Cue.Request when h.Arg == 5:
                    askSeller++;
                    lookupRequest++;
                    break;
                case Cue.Request when h.Arg == 1:
                    weakRequest++;
                    break;
                case Cue.Request when h.Arg == 2:
                    softRequest++;
                    break;
                case Cue.Request:
                    lookupRequest++;
                    break;
                case Cue.Kit when h.Arg == 1 && near is Cue.Data or Cue.Cover:
                    // 信用卡数据, 信用卡客户料: records of card holders.
                    counts[(int)Cue.Kit]--;
                    if (!categories[..categoryCount].Contains(8))
                    {
                        categories[categoryCount++] = 8;
                    }

                    break;
                case Cue.Kit when h.Arg is 1 or 2:
                    // 银行卡 is also a field of records; 信用卡 and 银行卡 alone are weak kit evidence (办信用卡 is chat).
                    fieldBits |= h.Arg == 2 ? 1 << 4 : 0;
                    counts[(int)Cue.Kit]--;
                    bankCard++;
                    break;
                case Cue.Kit:
                    strongKit++;
                    break;
            }

            if (h.Cue is Cue.Kit && k > 0 && _hits[k - 1].Cue is Cue.Request or Cue.RequestChar && h.Start - _hits[k - 1].End <= 4)
            {
                kitRequested++;
            }
        }

        int Count(Span<int> c, Cue cue) => c[(int)cue];
        var laundering = Count(counts, Cue.Laundering);

        // In a laundering fleet's ad 料 is money to wash (收料, 精料, 放料), not records.
        var dataHits = Count(counts, Cue.Data) - (laundering >= 2 ? bareLiao : 0);
        PriceParser.Parse(blanked, out var quantity, out var price);
        var countsRecords = quantity is not null && blanked.Contains('条');
        var samples = _sink.Samples.Count;
        var fieldCount = System.Numerics.BitOperations.PopCount((uint)fieldBits);
        var hasData = dataHits > 0 || Count(counts, Cue.Bundle3) + Count(counts, Cue.Bundle4) > 0;
        var dataContext = fieldCount >= 2 || countsRecords || fresh >= 0 || categoryCount > 0 || samples >= 2 || Count(counts, Cue.SampleHeader) > 0;
        // 出水果/收果 is the trade's own verb for records, both directions: with a deal's marks (a contact, a price or
        // a quantity, 一手, an invitation, a test) it needs no more context; "出水果了，芒果很甜" is a fruit shop.
        var deal = _handles.Count > 0 || price is not null || quantity is not null || Count(counts, Cue.FirstHand) + Count(counts, Cue.Invite) + Count(counts, Cue.TestAllowed) + Count(counts, Cue.SampleHeader) > 0;
        var cover = Count(counts, Cue.Cover) > 0 && (dataContext || (coverVerb > 0 && deal));

        double pd = 0;
        string? pdReason = null;
        // "盘口直收 一手股民", "出一手，据精准": a people group or 一手 right after the verb, and no goods named — the
        // trade's default goods are records.
        var bareTrade = Count(counts, Cue.Account) + Count(counts, Cue.Sim) + strongKit + Count(counts, Cue.Lookup) == 0 ? VerbBefore(Cue.Category, Cue.FirstHand, blanked) : 0;
        // Records named by what they are, not by a data word: people of a category sold by the record ("装修业主 一条
        // 1块"), records by the thousand described by their fields or people ("外贸客户 电话 邮箱 十万条 2000", "入住记录
        // 约80万条 含姓名 身份证"), or first-hand fresh records with no goods named ("一手实时 全部精准").
        var otherGoods = Count(counts, Cue.Account) + Count(counts, Cue.Sim) + strongKit;
        var perRecord = price is not null && (blanked.Contains("一条", StringComparison.Ordinal) || blanked.Contains("/条", StringComparison.Ordinal) || blanked.Contains("每条", StringComparison.Ordinal));
        var bulk = countsRecords && quantity >= 1000 && (fieldCount >= 1 || categoryCount > 0);
        // (A price per record of loan customers is also what news and judgments report: priced or counted records
        // without a data word count only in an ad that leaves a contact.)
        var named = otherGoods == 0 && ((_handles.Count > 0 && ((categoryCount > 0 && perRecord && Count(counts, Cue.Lookup) == 0) || bulk)) || (Count(counts, Cue.FirstHand) > 0 && fresh >= 0 && Count(counts, Cue.Lookup) == 0));
        // 料, 数据, 资料 and 名单 are words of every kitchen, office and classroom (火锅的料, 数据跑不完, 考研资料, 家长会的名单):
        // alone, with nothing that says they are people's records — no trade verb before them in their clause, no
        // category, field, freshness, hand, count, price, sample or contact — they are no evidence of personal data: the
        // rules abstain on a post that rests on them alone. (A contact keeps the verdict: "名单有了 V:…" is an ad, and
        // leaving such posts to the model lost more trade posts than negatives it won in leave-one-set-out runs.)
        var weakData = hasData && genericData == Count(counts, Cue.Data) && Count(counts, Cue.Bundle3) + Count(counts, Cue.Bundle4) + Count(counts, Cue.FirstHand) + Count(counts, Cue.SampleHeader) == 0
            && fieldCount == 0 && !dataContext && quantity is null && price is null && _handles.Count == 0;
        if (hasData || cover || bareTrade > 0 || named || (samples >= 2 && (fieldCount >= 2 || categoryCount > 0)))
        {
            pd = 2 + (fieldCount >= 2 ? 1 : 0) + (samples >= 2 ? 2 : 0) + (countsRecords ? 0.5 : 0) + (fresh >= 0 ? 0.5 : 0) + (categoryCount > 0 ? 0.5 : 0) + (dataHits >= 2 ? 1 : 0);
            pdReason = hasData ? "data words (料/数据/资料/名单)" : cover ? "水果 beside data context" : bareTrade > 0 ? "a people group or 一手 after a trade verb" : named ? "records named by their people, fields or freshness, priced or counted by the record" : "sample identifiers with fields";
        }

        var invites = askSeller > 0 ? 0 : Count(counts, Cue.Invite);
        var offerVerbs = Count(counts, Cue.Offer) + Adjacent(Cue.OfferChar, blanked) + invites;
        // 出租 beside zm and 上号 is a rental shop renting out; the renting words ask only where nobody rents out.
        var strongRequest = lookupRequest + (rentOut > 0 ? 0 : Count(counts, Cue.AccountRequest)) + Adjacent(Cue.RequestChar, blanked);
        var requestVerbs = strongRequest + weakRequest + (invites > 0 ? 0 : softRequest);

        // The best goods and the runner-up, without allocating a table per post.
        var best = ("personal_data", pd);
        var second = 0.0;
        var apps = offerVerbs + requestVerbs > 0 ? Math.Min(0.75 * Count(counts, Cue.App), 3) : 0;
        Consider("lookup", (2 * Count(counts, Cue.Lookup)) + Count(counts, Cue.ServiceVerb), ref best, ref second);
        var accountWords = Count(counts, Cue.Account) + Count(counts, Cue.AccountRequest) - rent;
        Consider("accounts", (2 * (accountWords + (accountWords > 0 ? rent : 0))) + apps, ref best, ref second);
        Consider("sim", 2 * Count(counts, Cue.Sim), ref best, ref second);
        Consider("bank_kit", (2 * strongKit) + bankCard + (kitRequested > 0 ? 2 : 0), ref best, ref second);

        // A post shaped as a trade — a contact, and a price or a trade verb — whose goods no word of the lexicon names:
        // the head of its nouns names them (TradeShape; new writers invent the modifiers, not the heads).
        string? shapeReason = null;
        if (best.Item2 < 2 && _handles.Count > 0 && (price is not null || offerVerbs + requestVerbs > 0)
            && TradeShape.HeadGoods(blanked, fieldCount, countsRecords, perRecord) is { } shaped)
        {
            second = Math.Max(second, best.Item2);
            best = (shaped.Goods, 2);
            shapeReason = shaped.Reason;

            // "收王者号": the verb that opens the noun phrase says which way it trades.
            var way = TradeShape.PhraseVerb(blanked, shaped.Head);
            requestVerbs += way > 0 ? 1 : 0;
            offerVerbs += way < 0 ? 1 : 0;
            pdReason ??= shaped.Goods == "personal_data" ? shaped.Reason : null;
        }

        // The hard negatives. Traffic sellers (粉, 引流) compete with data and lookups (定位交友粉), not with the
        // accounts they also sell; laundering fleets compete with data and, weakly, with the bank cards they buy.
        var goodsNow = best.Item1;
        var negative = ("drug words", 1.5 * (Count(counts, Cue.Drug) + Grams(blanked) + (Count(counts, Cue.Cover) > 0 && !cover ? 1 : 0)));
        var ignored = 0.0;
        // 彩票, 棋牌, 体育 in a list of verticals beside data words are the records' sources, not a gambling ad.
        Consider("gambling words", (hasData && categoryCount >= 2 ? 0.75 : 1.5) * Count(counts, Cue.Gambling), ref negative, ref ignored);
        if (goodsNow is "personal_data" or "lookup")
        {
            Consider("traffic-group words", 2 * Count(counts, Cue.Traffic), ref negative, ref ignored);
        }

        Consider("loan-ad words", 1.5 * Count(counts, Cue.LoanAd), ref negative, ref ignored);
        Consider("laundering words (车队/跑分/点位)", goodsNow == "personal_data" ? 1.5 * laundering : laundering, ref negative, ref ignored);
        Consider("job, project, porn or pharma spam", 1.5 * Count(counts, Cue.Spam), ref negative, ref ignored);
        Consider("chat or shopping talk (哈哈, 开玩笑, 床上用品)", 2.5 * Count(counts, Cue.Chat), ref negative, ref ignored);

        // News, police warnings and judgments quote ads word for word; their own words decide. An ad leaves a contact.
        var news = Count(counts, Cue.News);
        if (news >= 2 || (news == 1 && _handles.Count == 0))
        {
            negative = ("news, police or court words", Math.Max(best.Item2, 2) + news);
        }

        // …and whatever their words, they narrate: passive voice, a defendant's 李某, the ad quoted, advice to the reader,
        // someone else as the subject (TradeShape.Narration). Two kinds of that mark a report; beside a contact (a
        // warning names the scammer's handle, an ad names its own) two of the kinds no ad uses.
        var narration = TradeShape.Narration(blanked, out var strongNarration);
        if (narration >= 2 && (_handles.Count == 0 || strongNarration >= 2) && negative.Item2 < Math.Max(best.Item2, 2) + narration)
        {
            negative = ("a report or a warning: narration (被…, 李某, quoted words, 请勿, 有人…)", Math.Max(best.Item2, 2) + narration);
        }

        // Most posts leave no contact: they share the empty array.
        var handles = _handles.Count == 0 ? [] : new PostHandle[_handles.Count];
        for (var i = 0; i < handles.Length; i++)
        {
            handles[i] = new PostHandle(_handles[i].Kind, _handles[i].Value, _handles[i].Escrow);
        }

        // Group chat meets the trade's words one at a time: "家长会的名单老师发群里了", "数据线忘带了", "我的王者号被盗了",
        // "流量卡哪家便宜". An ad or a request names a deal — a verb (出售, 收, 代查, 需要的私聊), a price or a
        // quantity, a contact or a link, a test sample, the trade's terms (实时, 一手, 可测, 打包) — or lists several
        // goods ("实卡接码 各国号段"). One goods word with none of that, in a sentence that talks (了, 吗, 吧, 哪,
        // 我, 你, ？), is talk.
        if (best.Item2 >= 2 && negative.Item2 < best.Item2 && Talk(blanked, counts, dataHits, strongKit + bankCard, softRequest, price is not null || quantity is not null || samples > 0))
        {
            negative = ("one goods word in talk, no deal (no verb, price, contact or sample)", best.Item2);
        }

        var found = _sink.Samples.Count == 0 ? Empty : [.. _sink.Samples];
        var rulesOther = best.Item2 < 2 || negative.Item2 >= best.Item2;
        // Personal data resting on an everyday data word alone is no evidence: the rules abstain, and the model names
        // the goods if the post has a deal's mark (a contact, a price, a verb) and it is sure.
        var bareWord = !rulesOther && weakData && best.Item1 == "personal_data";
        rulesOther |= bareWord;
        var rulesMargin = rulesOther ? Math.Max(negative.Item2, 2) - best.Item2 : best.Item2 - Math.Max(second, negative.Item2);
        var goods = rulesOther ? "other" : best.Item1;
        // Where the rules' "other" rests on a hard negative's evidence — laundering, drug, gambling, traffic or loan-ad
        // words, news or narration, talk — the model is not asked: that evidence is the grammar of the text around the
        // goods words, which character grams do not see (a fleet's 收料 reads like a data buyer's to them). In the
        // leave-one-set-out runs every post the model rightly turned into trade was one the rules abstained on.
        var negativeDecided = rulesOther && !bareWord && negative.Item2 > 0;
        var modelReason = _model is null || negativeDecided ? null : ModelVote(post, ref goods, rulesOther && (best.Item2 < 2 || bareWord) && negative.Item2 <= 0, Confidence(rulesMargin), price is not null || offerVerbs + requestVerbs > 0);
        if (goods == "other")
        {
            var why = bareWord ? BareWord : negative.Item2 > 0 ? (pdReason is null ? [negative.Item1] : [pdReason, negative.Item1]) : pdReason is null ? NoTradeWords : [pdReason];
            return new PostAnalysis
            {
                Post = post,
                Type = "other",
                Goods = "other",
                Handles = handles,
                Samples = found,
                Confidence = modelReason is null ? Confidence(rulesMargin) : 0.5,
                Reasons = modelReason is null ? why : [modelReason, .. why],
            };
        }
        var pdGoods = goods == "personal_data";

        // A lookup is a service on demand unless someone asks for one (求查, 谁能查); recruiting words (寻, 诚招) in a
        // lookup ad look for insiders, not for lookups.
        // An ad lists what it looks up (婚姻 轨迹 同住 名下); a request asks for one or two things.
        var request = goods == "lookup" ? (Count(counts, Cue.Lookup) <= 2 ? lookupRequest + Adjacent(Cue.RequestChar, blanked) : 0) : requestVerbs;
        var offer = offerVerbs;
        // A lookup is a service whoever writes: the offer of one and the request for one are both the lookup trade (the
        // labelled sets and issue 15 call "帮我查下这个人" a lookup service); the reasons say which side asked.
        var type = goods == "lookup" ? "service" : request > offer ? "request" : "offer";
        var reasons = new List<string>(3)
        {
            modelReason is not null
                ? modelReason
                : pdGoods
                ? pdReason!
                : shapeReason ?? goods switch
                {
                    "lookup" => "lookup words (查人/定位/开房/征信)",
                    "accounts" => "account words (老号/白号/账号)",
                    "sim" => "SIM words (卡商/猫池/接码)",
                    _ => "bank-kit words (四件套/对公户)",
                },
            type switch
            {
                "service" when request > offer => "a lookup asked for (求查/谁能查)",
                "service" => "lookups offered on demand",
                "request" => "buying words (收/求购/需要)",
                _ => offer > 0 ? "selling words (出/出售/供应)" : "no buying words: an offer",
            },
        };
        if (negative.Item2 > 0)
        {
            reasons.Add($"despite {negative.Item1}");
        }

        string[] fields = [];
        string[] categoryNames = [];
        if (pdGoods)
        {
            // The sample shows which fields come with the records, whatever the text says.
            foreach (var f in found)
            {
                fieldBits |= 1 << (f.Kind switch { IdentifierKind.ResidentId => 2, IdentifierKind.Mobile => 1, _ => 4 });
            }

            if (found.Count > 0)
            {
                fieldBits |= (_sink.Kinds.Contains(IdentifierKind.Name) ? 1 : 0) | (_sink.Kinds.Contains(IdentifierKind.Address) ? 1 << 3 : 0);
            }

            fields = new string[System.Numerics.BitOperations.PopCount((uint)fieldBits)];
            for (int bit = 0, at = 0; bit < Lexicon.Fields.Length; bit++)
            {
                if ((fieldBits & (1 << bit)) != 0)
                {
                    fields[at++] = Lexicon.Fields[bit];
                }
            }

            categoryNames = new string[categoryCount];
            for (var i = 0; i < categoryCount; i++)
            {
                categoryNames[i] = Lexicon.Categories[categories[i]];
            }
        }

        bool? firstHand = pdGoods && Count(counts, Cue.FirstHand) > 0 ? true : pdGoods && Count(counts, Cue.SecondHand) > 0 ? false : null;
        var test = Count(counts, Cue.NoTest) > 0 ? "no_test" : Count(counts, Cue.TestAllowed) > 0 ? "test_allowed" : null;
        return new PostAnalysis
        {
            Post = post,
            Type = type,
            Goods = goods,
            Categories = categoryNames,
            Freshness = pdGoods && fresh >= 0 ? Lexicon.Freshness[fresh] : null,
            FirstHand = firstHand,
            Fields = fields,
            Quantity = quantity,
            UnitPrice = price is { } p && p > 0 && double.IsFinite(p) ? Math.Round(p, 6) : null,
            TestPolicy = pdGoods ? test : null,
            Handles = handles,
            Samples = found,
            Confidence = modelReason is null ? Confidence(rulesMargin) : 0.5,
            Reasons = reasons,
        };
    }

    private static readonly List<(IdentifierKind Kind, string Value)> Empty = [];

    /// <summary>
    /// The trained model's vote (<see cref="GoodsModel"/>). The rules name the goods when they are sure; the model
    /// decides where they abstain (no goods evidence, in a post with a contact, price or trade verb) or where their
    /// margin is small and the model is sure of another class — rules carry what the lexicon and grammar know exactly
    /// (and every per-rule test), the model the wording around them that no rule lists. Returns the reason when the
    /// model changed <paramref name="goods"/>, else null.
    /// </summary>
    private string? ModelVote(Post post, ref string goods, bool abstained, double confidence, bool priceOrVerb)
    {
        // An abstention with no deal at all is chat: the model is not asked (nor paid for).
        if (abstained && _handles.Count == 0 && !priceOrVerb)
        {
            return null;
        }

        var weight = _ruleTrust * (abstained ? 0.5 : confidence);
        if (weight >= 1)
        {
            return null;
        }

        ModelCalls++;
        Span<float> p = stackalloc float[GoodsModel.ClassCount];
        _model!.Predict(post.Text, p);
        var rules = Array.IndexOf(GoodsModel.Classes, goods);
        var chosen = rules;
        var top = p[rules] + weight;
        for (var k = 0; k < p.Length; k++)
        {
            if (p[k] > top)
            {
                top = p[k];
                chosen = k;
            }
        }

        if (chosen == rules)
        {
            return null;
        }

        goods = GoodsModel.Classes[chosen];
        return string.Create(CultureInfo.InvariantCulture, $"the trained model: {goods} (p {p[chosen]:0.00}) where the rules were unsure ({GoodsModel.Classes[rules]}, p {p[rules]:0.00})");
    }

    private static void Consider(string name, double score, ref (string, double) best, ref double second)
    {
        if (score > best.Item2)
        {
            second = best.Item2;
            best = (name, score);
        }
        else if (score > second)
        {
            second = score;
        }
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

    /// <summary>
    /// How many times a one-character verb (出, 收, 要) stands right before goods, a category or freshness, or stands
    /// as a word of its own ("老板 收 高价", "批量 出"): ads written word by word put the verb anywhere.
    /// </summary>
    private int Adjacent(Cue verb, ReadOnlySpan<char> text, bool exceptWant = false)
    {
        var n = 0;
        for (var i = 0; i < _hits.Count; i++)
        {
            var h = _hits[i];
            if (h.Cue != verb || (exceptWant && text[h.Start] == '要'))
            {
                continue;
            }

            var alone = (h.Start == 0 || !char.IsLetterOrDigit(text[h.Start - 1])) && (h.End == text.Length || !char.IsLetterOrDigit(text[h.End]));
            var next = i + 1 < _hits.Count ? _hits[i + 1] : default;
            if (alone || (i + 1 < _hits.Count && next.Start - h.End <= 2 && (Goods(next.Cue) || next.Cue == Cue.App)))
            {
                n++;
            }
        }

        return n;
    }

    /// <summary>How many hits of the given cues follow a trade verb (出, 收, 直收, or 一手 after one) with nothing but
    /// spaces or punctuation between: "收集贷款客户" and "收到快递" are other words.</summary>
    private int VerbBefore(Cue first, Cue second, ReadOnlySpan<char> text)
    {
        var n = 0;
        for (var i = 1; i < _hits.Count; i++)
        {
            var (cue, _, start, _) = _hits[i];
            var before = _hits[i - 1];
            if ((cue == first || cue == second) && start - before.End <= 2 && before.Cue is Cue.OfferChar or Cue.RequestChar or Cue.Offer or Cue.Request or Cue.FirstHand
                && !text[before.End..start].ContainsAnyExcept(Gaps))
            {
                n++;
            }
        }

        return n;
    }

    private static readonly System.Buffers.SearchValues<char> Gaps = System.Buffers.SearchValues.Create(" ，,、:：!！");

    /// <summary>Evidence margin to a 0.5–1 confidence: 0 → 0.5, 2 → 0.82, 4 → 0.95.</summary>
    private static double Confidence(double margin) => Math.Round(1 - (0.5 * Math.Exp(-Math.Max(margin, 0) / 1.6)), 2);

    private sealed class SampleSink : IIdentifierSink
    {
        public List<(IdentifierKind Kind, string Value)> Samples { get; } = [];

        public HashSet<IdentifierKind> Kinds { get; } = [];

        public void Clear()
        {
            Samples.Clear();
            Kinds.Clear();
        }

        public void Found(IdentifierKind kind, ReadOnlySpan<char> canonical)
        {
            Kinds.Add(kind);
            if (kind is not (IdentifierKind.ResidentId or IdentifierKind.Mobile or IdentifierKind.BankCard))
            {
                return;
            }

            foreach (var (k, v) in Samples)
            {
                if (k == kind && canonical.SequenceEqual(v))
                {
                    return;
                }
            }

            Samples.Add((kind, canonical.ToString()));
        }
    }
}
