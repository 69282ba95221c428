using System.Text;
using Tracemark.Identifiers.Kinds;

namespace Tracemark.Synthetic.Posts;

/// <summary>One generated post before it is written to a file: where it goes, who wrote it, its text and labels.</summary>
internal sealed record SynthPost(string Platform, DateTime Time, SynthAccount? Account, string Text, PostTruth Truth);

/// <summary>An author account as a platform shows it.</summary>
internal sealed record SynthAccount(string Platform, string Display, string Id);

/// <summary>
/// The synthetic market: actors (sellers, buyers, lookup services, account, SIM and bank-kit dealers) each with a
/// specialty, price level, several contact handles and accounts on several platforms, who post offers and requests
/// written in the trade's many ways — with test samples from the synthetic population, escrow handles shared by many
/// sellers, and reposts of their own ads — among hard negatives: drug and gambling ads using 水果/叶子/台子,
/// traffic-group ads (小裙), loan ads that are not data trade, and ordinary chat.
/// </summary>
internal sealed class PostCorpus
{
    public static readonly string[] Platforms = ["telegram", "qq", "forum", "plain"];

    private static readonly Dictionary<string, string[]> CategoryWords = new()
    {
        ["courier"] = ["快递", "物流", "圆通", "中通", "韵达", "申通"],
        ["loan"] = ["网贷", "WD", "贷款", "借贷", "有资金需求"],
        ["student"] = ["学生", "大学生", "高校新生", "学生家长"],
        ["property_owner"] = ["业主", "房产业主", "小区业主", "购房客户"],
        ["car_owner"] = ["车主", "新车车主", "车辆"],
        ["investor"] = ["股民", "炒股", "基金客户", "证券开户"],
        ["cosmetics"] = ["美容", "医美", "化妆品", "美容院"],
        ["hotel"] = ["酒店住客", "宾馆", "酒店入住"],
        ["credit"] = ["信用卡", "信用卡用户", "办卡客户"],
        ["ecommerce"] = ["电商", "淘宝", "网购"],
        ["insurance"] = ["保险客户", "投保客户"],
    };

    private static readonly string[] Categories = [.. CategoryWords.Keys];
    private static readonly string[] HandleKinds = ["qq", "wechat", "telegram", "mobile", "email"];
    private static readonly string[] AccountPlatforms = ["telegram", "qq", "forum"];
    private static readonly string[] DataWords = ["料", "数据", "资料", "名单", "客户资源", "料", "数据"];
    private static readonly string[] Lookups = ["开房记录", "定位", "征信", "出入境记录", "户籍信息", "手机号机主", "轨迹", "社工库", "开盒"];
    private static readonly string[] AccountGoods = ["QQ老号", "微信老号", "实名微信号", "QQ白号", "游戏账号", "抖音号", "成品号"];
    private static readonly string[] SimGoods = ["实卡", "物联卡", "注册卡", "手机卡"];
    private static readonly string[] KitGoods = ["四件套", "银行卡四件套", "对公户", "对公账户"];
    private static readonly string[] FreshWords = ["实时", "当天", "当日", "今日新鲜"];
    private static readonly string[] OvernightWords = ["隔夜", "隔夜料", "次日"];
    private static readonly string[] HistoricalWords = ["历史", "老料", "历史料", "往年"];
    private static readonly string[] TestAllowed = ["可测", "可以测试", "先测后买", "支持测试", "免费测试", "给测试"];
    private static readonly string[] NoTest = ["免测", "不测", "不给测", "不支持测试", "拒绝测试"];
    private static readonly string[] Slogans = ["诚信经营", "老商家", "质量保证", "假一赔十", "回头客多", "专业团队", "信誉第一", "价格美丽", "童叟无欺", "欢迎合作", "薄利多销", "靠谱", "量大从优", "长期合作", "老板们看过来", "有意私聊"];
    private static readonly string[] Separators = [" ", "，", "，", "！", "。", "\n", " | "];

    private readonly PostOptions _options;
    private readonly Population _population;
    private readonly List<Actor> _actors = [];
    private readonly string[] _escrows;
    private readonly HashSet<string> _accountNames = [];

    private PostCorpus(PostOptions options)
    {
        _options = options;
        // Enough people that every actor's sample slice is its own (person i is the same person whatever the size,
        // so with the defaults samples are people of `tracemark synth`'s leaks).
        _population = new Population(options.Seed, Math.Max(Math.Max(options.People, 1_000), (long)Math.Max(8, options.Posts / 40) * 20 + 1_000));
        var rng = new SynthRandom((ulong)options.Seed, 900, 0);
        _escrows = new string[4];
        for (var i = 0; i < _escrows.Length; i++)
        {
            _escrows[i] = "db_" + PostWriter.Name(ref rng, 5, 9, false);
        }
    }

    /// <summary>All posts in time order (so each platform's are too), made one at a time: nothing is held per post,
    /// and ten million posts stream to their files at flat memory.</summary>
    public static IEnumerable<SynthPost> Generate(PostOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Posts, 1);
        return new PostCorpus(options).Build();
    }

    private IEnumerable<SynthPost> Build()
    {
        var rng = new SynthRandom((ulong)_options.Seed, 901, 0);
        var actorCount = Math.Max(8, _options.Posts / 40);
        for (var i = 0; i < actorCount; i++)
        {
            _actors.Add(NewActor(i));
        }

        // Times rise through about 22 months, a random step at a time.
        var start = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        var step = 668.0 * 24 * 3600 / _options.Posts;
        var seconds = 0.0;
        var chatters = new Dictionary<string, List<SynthAccount>>();
        for (var n = 0; n < _options.Posts; n++)
        {
            seconds += step * 2 * rng.NextDouble();
            var time = start.AddSeconds(Math.Floor(seconds));
            if (rng.Chance(0.22))
            {
                var platform = rng.Pick(Platforms);
                var negative = Negative(ref rng, platform, chatters, n);
                yield return new SynthPost(platform, time, negative.Account, negative.Text, negative.Truth);
                continue;
            }

            var actor = _actors[rng.Next(_actors.Count)];
            var (account, platformOf) = actor.Accounts.Count > 0 && rng.Chance(0.85)
                ? (actor.Accounts[rng.Next(actor.Accounts.Count)], (string?)null)
                : (null, "plain");
            var where = platformOf ?? account!.Platform;
            var forceHandle = where == "plain" || (account is not null && actor.Posted.Add(account.Id));
            var (text, truth) = TradePost(ref rng, actor, forceHandle);
            yield return new SynthPost(where, time, account, text, truth);
        }
    }

    private Actor NewActor(int index)
    {
        var rng = new SynthRandom((ulong)_options.Seed, 902, (ulong)index);
        var roll = rng.NextDouble();
        var goods = roll switch
        {
            < 0.45 => "personal_data",
            < 0.60 => "personal_data_buyer",
            < 0.75 => "lookup",
            < 0.84 => "accounts",
            < 0.92 => "sim",
            _ => "bank_kit",
        };
        var buyer = goods == "personal_data_buyer";
        goods = buyer ? "personal_data" : goods;
        var categories = goods == "personal_data" ? Shuffled(ref rng, Categories).Take(rng.Next(1, 3)).ToArray() : [];
        var freshness = goods == "personal_data" ? rng.PickOf<string?>(["real-time", "overnight", "historical", "historical", null]) : null;
        var price = goods switch
        {
            "personal_data" => freshness switch
            {
                "real-time" => rng.PickOf([0.8, 1, 1.2, 1.5]),
                "overnight" => rng.PickOf([0.05, 0.08, 0.1, 0.12, 0.15]),
                "historical" => rng.PickOf([0.001, 0.002, 0.0025, 0.003]),
                _ => rng.PickOf([0.02, 0.03, 0.3, 0.5]),
            },
            "lookup" => rng.PickOf<double>([50, 100, 150, 200, 300, 500, 800]),
            "accounts" => rng.PickOf<double>([3, 5, 8, 10, 15, 30]),
            "sim" => rng.PickOf<double>([15, 20, 30, 50]),
            _ => rng.PickOf<double>([800, 1200, 1500, 2000, 3000]),
        };
        string[] allFields = ["name", "mobile", "cn_id", "address", "bank_card"];
        string[] fields = goods == "personal_data" ? [.. allFields[..2], .. Keep(ref rng, allFields[2..], 0.5)] : [];
        var contactBase = _population.Size - 1 - index;
        var contactPerson = _population.Get(contactBase);
        var handles = new List<TruthHandle>();
        var kinds = Shuffled(ref rng, HandleKinds).Take(rng.Next(2, 4)).ToList();
        foreach (var kind in kinds)
        {
            handles.Add(kind switch
            {
                "qq" => new TruthHandle("qq", (100_000 + rng.NextLong(3_000_000_000L)).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                "wechat" => new TruthHandle("wechat", PostWriter.Name(ref rng, 6, 14, rng.Chance(0.2))),
                "telegram" => new TruthHandle("telegram", PostWriter.Name(ref rng, 5, 14, rng.Chance(0.3))),
                "mobile" => new TruthHandle("mobile", contactPerson.Mobile),
                _ => new TruthHandle("email", contactPerson.Email),
            });
        }

        string? usdt = null;
        if (rng.Chance(0.4))
        {
            Span<byte> account = stackalloc byte[20];
            for (var i = 0; i < account.Length; i++)
            {
                account[i] = (byte)rng.Next(256);
            }

            usdt = TronAddress.Encode(account);
        }

        var platforms = Shuffled(ref rng, AccountPlatforms).Take(rng.Next(1, 4)).ToArray();
        var accounts = new List<SynthAccount>();
        foreach (var platform in platforms)
        {
            accounts.Add(NewAccount(ref rng, platform));
        }

        // Each actor shows people from a slice of the population of its own: two sellers showing the same people
        // are (by this corpus's truth) one seller.
        var pool = new long[12];
        var slice = Math.Max(pool.Length, (_population.Size - 1_000) / Math.Max(8, _options.Posts / 40));
        for (var i = 0; i < pool.Length; i++)
        {
            pool[i] = (index * slice) + rng.NextLong(slice);
        }

        var slogan = string.Join("，", Shuffled(ref rng, Slogans).Take(3));
        var test = goods == "personal_data" && !buyer ? rng.PickOf(["test_allowed", "test_allowed", "no_test", (string?)null]) : null;
        var firstHand = goods == "personal_data" && !buyer ? rng.PickOf<bool?>([true, true, false, null]) : null;
        return new Actor(index, goods, buyer, categories, freshness, firstHand, fields, price, test, handles, usdt, accounts, pool, slogan);
    }

    /// <summary>An account of someone outside the trade, unique by construction (numbered by the post that made it),
    /// so that no set of every account ever made has to be kept.</summary>
    private static SynthAccount Passerby(ref SynthRandom rng, string platform, long n)
    {
        string[] nicks = ["路人", "吃瓜", "小白", "网友", "老铁", "群友"];
        var nick = rng.Pick(nicks);
        return platform switch
        {
            "telegram" => new SynthAccount(platform, nick + (n % 100), "user" + (9_000_000_000L + n)),
            "qq" => new SynthAccount(platform, nick, (2_100_000_000L + n).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            _ => new SynthAccount(platform, nick + n.ToString(System.Globalization.CultureInfo.InvariantCulture), string.Empty),
        };
    }

    /// <summary>A new account, distinct from every other (forum accounts are known by their names alone).</summary>
    private SynthAccount NewAccount(ref SynthRandom rng, string platform)
    {
        string[] nicks = ["老王", "数据哥", "小李", "阿杰", "料商", "水果哥", "大刘", "资源王", "老张", "阿飞", "小陈", "源头"];
        while (true)
        {
            var account = platform switch
            {
                "telegram" => new SynthAccount(platform, rng.Pick(nicks) + rng.Next(10, 99), "user" + (100_000_000 + rng.NextLong(8_000_000_000L))),
                "qq" => new SynthAccount(platform, rng.Pick(nicks), (10_000_000 + rng.NextLong(2_000_000_000L)).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                _ => new SynthAccount(platform, rng.Chance(0.5) ? "SS" + rng.Next(10_000, 99_999) : rng.Pick(nicks) + rng.Next(100, 9_999), string.Empty),
            };
            if (_accountNames.Add($"{platform}/{(platform == "forum" ? account.Display : account.Id)}"))
            {
                return account;
            }
        }
    }

    private (string Text, PostTruth Truth) TradePost(ref SynthRandom rng, Actor actor, bool forceHandle)
    {
        if (actor.Ad is { } ad && rng.Chance(0.3))
        {
            var suffix = rng.PickOf([string.Empty, "，诚信交易", "，速来", "！！", " 随时在线"]);
            if (!rng.Chance(0.4))
            {
                return (ad.Text + suffix, ad.Truth);
            }

            // The same ad under a burner contact used nowhere else: only the text ties it to the actor.
            var burner = new TruthHandle("wechat", PostWriter.Name(ref rng, 8, 14, false));
            return (ad.Body + "，" + Write(ref rng, burner) + suffix, ad.Truth with { Handles = [burner] });
        }

        var parts = new List<string>();
        var handles = new List<TruthHandle>();
        var request = actor.Buyer || rng.Chance(0.08);
        // A lookup is a service whoever writes, the offer of one and the request for one alike (docs/intel.md, label
        // conventions); the request is still written as one (求查, 谁能查).
        var type = actor.Goods == "lookup" ? "service" : request ? "request" : "offer";
        string[] categories = [];
        string? freshness = null;
        bool? firstHand = null;
        string[] fields = [];
        long? quantity = null;
        double? price = null;
        string? test = null;
        var samples = 0;

        switch (actor.Goods)
        {
            case "personal_data":
                {
                    categories = [.. Keep(ref rng, actor.Categories, 0.8)];
                    if (categories.Length == 0)
                    {
                        categories = [actor.Categories[0]];
                    }

                    var catText = string.Empty;
                    foreach (var c in categories)
                    {
                        catText += rng.Pick(CategoryWords[c]);
                    }

                    if (rng.Chance(0.8) && actor.Freshness is not null)
                    {
                        freshness = actor.Freshness;
                    }

                    var freshText = freshness switch
                    {
                        "real-time" => rng.Pick(FreshWords),
                        "overnight" => rng.Pick(OvernightWords),
                        "historical" => rng.Pick(HistoricalWords),
                        _ => string.Empty,
                    };
                    var cover = rng.Chance(0.1);
                    var data = cover ? "水果" : rng.Pick(DataWords);
                    parts.Add(request
                        ? rng.Next(5) switch
                        {
                            0 => $"收{freshText}{catText}{data}",
                            1 => $"高价收{catText}{data}",
                            2 => $"求购{freshText}{catText}{data}",
                            3 => $"长期收{catText}{data}",
                            _ => $"需要{freshText}{catText}{data}",
                        }
                        : rng.Next(6) switch
                        {
                            0 => $"出{freshText}{catText}{data}",
                            1 => $"长期出{freshText}{catText}{data}",
                            2 => $"大量出{catText}{data}",
                            3 => $"{catText}{data}出售",
                            4 => $"现货{freshText}{catText}{data}",
                            _ => $"供应{catText}{data}",
                        });
                    if (freshness is not null && !parts[0].Contains(freshText, StringComparison.Ordinal))
                    {
                        parts.Add(freshText);
                    }

                    if (actor.FirstHand is { } hand && rng.Chance(0.7))
                    {
                        firstHand = hand;
                        parts.Add(hand ? rng.PickOf(["一手", "源头", "一手货源"]) : rng.PickOf(["二手", "转手料"]));
                    }

                    if (rng.Chance(cover ? 1 : 0.7))
                    {
                        fields = actor.Fields;
                        parts.Add(FieldList(ref rng, fields));
                    }

                    var hasQuantity = rng.Chance(cover ? 1 : 0.6);
                    if (hasQuantity)
                    {
                        quantity = rng.PickOf<long>([3_000, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000, 3_000_000]);
                    }

                    if (rng.Chance(0.75))
                    {
                        price = actor.Price;
                        var total = quantity * actor.Price;
                        if (quantity is not null && total is >= 1 and var t && Math.Abs(t - Math.Round(t)) < 1e-9 && rng.Chance(0.15))
                        {
                            parts.Add($"{PostWriter.Quantity(ref rng, quantity.Value)}打包{PostWriter.Number(t)}元");
                            hasQuantity = false;
                        }
                        else
                        {
                            parts.Add(PostWriter.RecordPrice(ref rng, actor.Price));
                        }
                    }

                    if (hasQuantity)
                    {
                        parts.Add(PostWriter.Quantity(ref rng, quantity!.Value));
                    }

                    if (!request && actor.Test is not null && rng.Chance(0.7))
                    {
                        test = actor.Test;
                        parts.Add(rng.Pick(test == "test_allowed" ? TestAllowed : NoTest));
                    }

                    if (!request && rng.Chance(0.2))
                    {
                        var (text, count) = Sample(ref rng, actor);
                        parts.Add(text);
                        samples = count;
                    }

                    break;
                }

            case "lookup":
                {
                    var what = rng.Pick(Lookups);
                    parts.Add(request
                        ? rng.PickOf([$"谁能查{what}", $"求查{what}", $"找人查{what}"])
                        : rng.Next(5) switch
                        {
                            0 => $"专业查{what}",
                            1 => $"代查{what}",
                            2 => $"{what}查询，秒出",
                            3 => $"接单：{what}",
                            _ => $"查人 {what} 都可以",
                        });
                    if (rng.Chance(0.75))
                    {
                        price = actor.Price;
                        parts.Add(PostWriter.UnitPrice(ref rng, actor.Price, "次"));
                    }

                    break;
                }

            case "accounts":
                {
                    var what = rng.Pick(AccountGoods);
                    parts.Add(request ? $"收{what}" : rng.PickOf([$"出{what}", $"{what}批发", $"{what}出售"]));
                    if (rng.Chance(0.7))
                    {
                        price = actor.Price;
                        parts.Add(PostWriter.UnitPrice(ref rng, actor.Price, "个"));
                    }

                    if (rng.Chance(0.4))
                    {
                        quantity = rng.PickOf<long>([100, 500, 1_000, 5_000]);
                        parts.Add(PostWriter.Quantity(ref rng, quantity.Value, "个"));
                    }

                    break;
                }

            case "sim":
                {
                    var what = rng.Pick(SimGoods);
                    parts.Add(request ? $"收{what}" : rng.PickOf([$"卡商直供{what}", $"出{what}", $"{what}批发", "猫池出租", "接码平台"]));
                    if (rng.Chance(0.7))
                    {
                        price = actor.Price;
                        parts.Add(PostWriter.UnitPrice(ref rng, actor.Price, "张"));
                    }

                    break;
                }

            default:
                {
                    var what = rng.Pick(KitGoods);
                    parts.Add(request ? rng.PickOf([$"收{what}", $"高价收{what}"]) : rng.PickOf([$"出{what}", $"{what}出售", $"长期出{what}"]));
                    if (rng.Chance(0.7))
                    {
                        price = actor.Price;
                        parts.Add(PostWriter.UnitPrice(ref rng, actor.Price, "套"));
                    }

                    break;
                }
        }

        if (rng.Chance(0.3))
        {
            parts.Add(actor.Slogan);
        }

        var body = string.Join("，", parts);
        var contacts = forceHandle || rng.Chance(0.9) ? rng.Next(1, 3) : 0;
        foreach (var h in Shuffled(ref rng, actor.Handles).Take(contacts))
        {
            handles.Add(h);
            parts.Add(Write(ref rng, h));
        }

        if (actor.Usdt is { } address && rng.Chance(0.25))
        {
            handles.Add(new TruthHandle("usdt", address));
            parts.Add(PostWriter.Usdt(ref rng, address));
        }

        if (!request && rng.Chance(0.15))
        {
            var escrow = rng.Pick(_escrows);
            handles.Add(new TruthHandle("telegram", escrow));
            parts.Add(rng.PickOf([$"担保:@{escrow}", $"走担保 @{escrow}", $"可走中介 TG:{escrow}"]));
        }

        // The opener stays first; the rest in any order, as posts are written.
        var rest = Shuffled(ref rng, parts.Skip(1));
        var sb = new StringBuilder(parts[0]);
        foreach (var part in rest)
        {
            sb.Append(part.StartsWith('\n') ? string.Empty : rng.Pick(Separators)).Append(part);
        }

        var truth = new PostTruth
        {
            Source = string.Empty,
            Post = 0,
            Actor = $"actor-{actor.Index}",
            Type = type,
            Goods = actor.Goods,
            Categories = categories,
            Freshness = freshness,
            FirstHand = firstHand,
            Fields = fields,
            Quantity = quantity,
            UnitPriceYuan = price,
            TestPolicy = test,
            Handles = handles,
            SampleIdentifiers = samples,
        };
        var post = (Decorate(ref rng, sb.ToString()), truth);
        // An actor's first long offer becomes the ad it reposts (long enough to be told from other sellers' ads).
        if (actor.Ad is null && handles.Count > 0 && !request && body.Count(char.IsLetter) >= 45 && truth.Handles.All(h => h.Kind != "usdt"))
        {
            actor.Ad = new AdText(post.Item1, truth, body);
        }

        return post;
    }

    /// <summary>
    /// How ads are dressed up: emoji and stars, the opener in 【】, full-width digits and letters (ＱＱ：１２３…).
    /// None of it changes what the post says, so the truth stays as it is.
    /// </summary>
    private static string Decorate(ref SynthRandom rng, string text)
    {
        if (!rng.Chance(0.3))
        {
            return text;
        }

        var first = text.IndexOfAny(['，', ' ', '。', '！', '\n', '|']);
        if (first > 0 && rng.Chance(0.4))
        {
            text = "【" + text[..first] + "】" + text[first..];
        }

        if (rng.Chance(0.5))
        {
            text = rng.PickOf(["🔥", "💰", "✅", "★", "⭐️", "📢"]) + text + rng.PickOf([" 🔥🔥", "！！！", " ✅", "~~~", string.Empty]);
        }

        if (rng.Chance(0.3))
        {
            // Full-width forms of ASCII letters and digits, as some ads are typed on phones.
            var chars = text.ToCharArray();
            for (var i = 0; i < chars.Length; i++)
            {
                if (char.IsAsciiLetterOrDigit(chars[i]) || chars[i] == ':')
                {
                    chars[i] = (char)(chars[i] + 0xFEE0);
                }
            }

            text = new string(chars);
        }

        return text;
    }

    private static List<T> Shuffled<T>(ref SynthRandom rng, IEnumerable<T> items)
    {
        var list = items.ToList();
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }

        return list;
    }

    private static List<T> Keep<T>(ref SynthRandom rng, IEnumerable<T> items, double p)
    {
        var kept = new List<T>();
        foreach (var item in items)
        {
            if (rng.Chance(p))
            {
                kept.Add(item);
            }
        }

        return kept;
    }

    private static string FieldList(ref SynthRandom rng, string[] fields)
    {
        if (fields.SequenceEqual(["name", "mobile", "cn_id"]) && rng.Chance(0.4))
        {
            return "三要素";
        }

        var words = new List<string>();
        foreach (var f in fields)
        {
            words.Add(f switch
            {
                "name" => rng.PickOf(["姓名", "名字"]),
                "mobile" => rng.PickOf(["手机", "电话", "手机号"]),
                "cn_id" => rng.PickOf(["身份证", "身份证号", "证件号"]),
                "address" => rng.PickOf(["地址", "住址", "收货地址"]),
                _ => rng.PickOf(["银行卡", "卡号", "银行卡号"]),
            });
        }

        var joiner = rng.PickOf(["+", "、", "/", " "]);
        return rng.PickOf(["字段：", "含", "包含", "信息有", string.Empty]) + string.Join(joiner, words);
    }

    private (string Text, int Count) Sample(ref SynthRandom rng, Actor actor)
    {
        var rows = rng.Next(2, 4);
        var sb = new StringBuilder(rng.PickOf(["\n测试样例：", "\n样料：", "\n部分样本：", "\n试料几条："]));
        var count = 0;
        var separator = rng.PickOf([" ", ",", "|", "\t"]);
        foreach (var index in Shuffled(ref rng, actor.SamplePool).Take(rows))
        {
            var person = _population.Get(index);
            var cells = new List<string>();
            foreach (var field in actor.Fields)
            {
                switch (field)
                {
                    case "name":
                        cells.Add(person.Name);
                        break;
                    case "mobile":
                        cells.Add(person.Mobile);
                        count++;
                        break;
                    case "cn_id":
                        cells.Add(person.ResidentId);
                        count++;
                        break;
                    case "address":
                        cells.Add(person.Address);
                        break;
                    default:
                        cells.Add(person.BankCard);
                        count++;
                        break;
                }
            }

            sb.Append('\n').Append(string.Join(separator, cells));
        }

        return (sb.ToString(), count);
    }

    private static string Write(ref SynthRandom rng, TruthHandle h) => h.Kind switch
    {
        "qq" => PostWriter.Qq(ref rng, h.Value),
        "wechat" => PostWriter.WeChat(ref rng, h.Value),
        "telegram" => PostWriter.Telegram(ref rng, h.Value),
        "mobile" => PostWriter.Mobile(ref rng, h.Value),
        _ => PostWriter.Email(ref rng, h.Value),
    };

    private static (SynthAccount? Account, string Text, PostTruth Truth) Negative(ref SynthRandom rng, string platform, Dictionary<string, List<SynthAccount>> chatters, long index)
    {
        var kind = rng.NextDouble() switch
        {
            < 0.18 => "drug",
            < 0.32 => "gambling",
            < 0.46 => "traffic",
            < 0.80 => "chat",
            _ => "loan_ad",
        };
        var handles = new List<TruthHandle>();
        string Contact(ref SynthRandom r)
        {
            var h = r.Next(3) switch
            {
                0 => new TruthHandle("wechat", PostWriter.Name(ref r, 6, 12, false)),
                1 => new TruthHandle("telegram", PostWriter.Name(ref r, 5, 12, false)),
                _ => new TruthHandle("qq", (100_000 + r.NextLong(3_000_000_000L)).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            };
            handles.Add(h);
            return Write(ref r, h);
        }

        string[] fruits = ["苹果", "西瓜", "葡萄", "榴莲", "芒果", "车厘子"];
        var n = rng.Next(2, 60);
        var text = kind switch
        {
            "drug" => rng.Next(4) switch
            {
                0 => $"{rng.PickOf(["水果", "叶子", "猪肉", "冰糖"])}到货了，{rng.PickOf(["纯度高", "品质保证", "嗨到爆"])}，{n * 10}一克，同城{rng.PickOf(["闪送", "见面交易", "包邮"])}，{Contact(ref rng)}",
                1 => $"新鲜{rng.PickOf(["叶子", "水果"])}，一手货源，{n}g起，懂的来 {Contact(ref rng)}",
                2 => $"出{rng.PickOf(["猪肉", "冰", "叶子"])}，溜冰的兄弟看过来，货到付款 {Contact(ref rng)}",
                _ => $"卖水果，飞行员专用，{n * 100}一克 {Contact(ref rng)}",
            },
            "gambling" => rng.Next(3) switch
            {
                0 => $"台子稳定出款，{rng.PickOf(["百家乐", "时时彩", "棋牌", "体育投注"])}，上下分秒到，首充{n * 10}送{n}，{Contact(ref rng)}",
                1 => $"大台子招代理，日返水{n}%，{Contact(ref rng)}",
                _ => $"彩票台子，每天稳赚{n * 100}，带你上岸 {Contact(ref rng)}",
            },
            "traffic" => rng.Next(3) switch
            {
                0 => $"小裙引流，日引{n * 100}粉，{Contact(ref rng)}",
                1 => $"出小裙，{n * 10}人满群，价格美丽 {Contact(ref rng)}",
                _ => $"专业拉群 加粉 小裙 {n}元一个群 {Contact(ref rng)}",
            },
            "loan_ad" => rng.Next(3) switch
            {
                0 => $"正规{rng.PickOf(["贷款", "借款", "信贷"])}，{rng.PickOf(["低息", "无抵押"])}，{rng.PickOf(["当天下款", "秒批"])}，额度{n}万起，{Contact(ref rng)}",
                1 => $"有资金需求的朋友看过来，无视黑白户，{n}分钟下款 {Contact(ref rng)}",
                _ => $"网贷逾期协商、停催，专业团队 {Contact(ref rng)}",
            },
            _ => rng.Next(10) switch
            {
                0 => $"今天水果店打折，{rng.Pick(fruits)}{n}元一斤，好新鲜",
                1 => "谁有快递单号帮我查下包裹到哪了",
                2 => "收到，谢谢老板",
                3 => "晚上一起吃饭？",
                4 => "这个群怎么没人说话",
                5 => "我的快递还没到，圆通太慢了",
                6 => "有没有人知道哪里可以办信用卡",
                7 => $"刚买了{n}斤{rng.Pick(fruits)}，一手从果园拿的",
                8 => "出门了，回来再说",
                _ => $"群里有人做学生家教吗？一小时{n * 10}",
            },
        };

        if (!chatters.TryGetValue(platform, out var known))
        {
            chatters[platform] = known = [];
        }

        SynthAccount? account = null;
        if (platform != "plain")
        {
            if (known.Count > 0 && kind == "chat" && rng.Chance(0.5))
            {
                account = known[rng.Next(known.Count)];
            }
            else
            {
                account = Passerby(ref rng, platform, index);
                if (kind == "chat" && known.Count < 1_000)
                {
                    known.Add(account);
                }
            }
        }

        text = Decorate(ref rng, text);
        var truth = new PostTruth
        {
            Source = string.Empty,
            Post = 0,
            Actor = account is null ? $"lone-{rng.NextULong():x}" : $"author-{account.Platform}-{account.Display}-{account.Id}",
            Type = "other",
            Goods = "other",
            Handles = handles,
            Negative = kind,
        };
        return (account, text, truth);
    }

    private sealed record AdText(string Text, PostTruth Truth, string Body);

    private sealed record Actor(
        int Index, string Goods, bool Buyer, string[] Categories, string? Freshness, bool? FirstHand, string[] Fields, double Price,
        string? Test, List<TruthHandle> Handles, string? Usdt, List<SynthAccount> Accounts, long[] SamplePool, string Slogan)
    {
        public AdText? Ad { get; set; }

        public HashSet<string> Posted { get; } = [];
    }
}
