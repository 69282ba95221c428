using Tracemark.Identifiers;

namespace Tracemark.Scanning.Detection;

/// <summary>How a column is read.</summary>
internal enum ColumnRole
{
    /// <summary>Not looked at: a non-personal number (order, serial, SKU, time) or a field that is not an identifier.</summary>
    Skip,
    /// <summary>Values are read as one of the column's identifier kinds.</summary>
    Identifier,
    /// <summary>Values are free text: recognizers with context words.</summary>
    FreeText,
}

/// <summary>Legal categories of personal information (法释〔2017〕10号 Art. 5; docs/domain.md §3).</summary>
[Flags]
internal enum Category : ushort
{
    None = 0,
    Whereabouts = 1,
    CommunicationContent = 2,
    Credit = 4,
    Property = 8,
    Accommodation = 16,
    CommunicationRecords = 32,
    Health = 64,
    Transaction = 128,
    Other = 256,
}

/// <summary>What a header says about its column.</summary>
internal readonly record struct HeaderHint(ColumnRole Role, IdentifierKind[] Kinds, string Reason, bool NonPersonal)
{
    public static readonly HeaderHint Unknown = new(ColumnRole.FreeText, [], "no header hint", false);
}

/// <summary>
/// Header words in Chinese and English (docs/domain.md §2): which identifier a column holds, which columns hold
/// non-personal numbers that must never be read as identifiers (订单号, 流水号, SKU …), which person of the record
/// (sender, recipient) a column belongs to, and which legal category the table's records fall in.
/// Matching is on the header folded to lower case without spaces and punctuation; specific words are checked
/// before generic ones (运单号 is a waybill before 单号 is non-personal; 身份证 before 证件).
/// </summary>
internal static class HeaderWords
{
    // The scanner's own rules, about columns that hold no identifier; kinds' rules come from their KindSpec. Ranks
    // interleave the two (Specs/SharedHeaders lists them): the first rule, by rank, whose word the header contains
    // decides, so specific words come before generic ones.
    private static readonly (int Rank, string[] Words, HeaderHint Hint)[] OwnRules =
    [
        // A password column is never read, for identifiers or anything else (CredentialRecognizer reads it as a password).
        (10, Recognizers.CredentialRecognizer.PasswordWords, new HeaderHint(ColumnRole.Skip, [], "password header", false)),
        (20, ["证件类型", "证件种类", "卡类型", "类型", "type", "kind"], new HeaderHint(ColumnRole.Skip, [], "type header", false)),
        (50, ["订单", "单号", "流水", "交易号", "商品", "编码", "编号", "序号", "条码", "货号", "sku", "时间戳", "timestamp", "imei", "设备", "device",
          "order", "serial", "txn", "trade", "uuid", "金额", "价格", "数量", "重量", "余额", "amount", "price", "balance", "时间", "日期", "date", "time",
          "邮编", "邮政编码", "zip", "postcode", "房号", "工号", "年龄", "age"], new HeaderHint(ColumnRole.Skip, [], "non-personal header", true)),
        (200, ["昵称", "nickname", "用户名", "username", "登录名", "login"], new HeaderHint(ColumnRole.Skip, [], "account name header", false)),
        (220, ["备注", "说明", "内容", "描述", "消息", "聊天", "remark", "note", "comment", "message", "text", "content", "memo"],
            new HeaderHint(ColumnRole.FreeText, [], "free-text header", false)),
        (230, ["性别", "民族", "生日", "出生", "开户行", "银行", "快递公司", "物品", "酒店", "宾馆", "证件类型", "渠道", "状态", "gender", "sex", "birthday",
          "birth", "status", "bank", "courier", "hotel"], new HeaderHint(ColumnRole.Skip, [], "not an identifier", false)),
    ];

    private static readonly (string[] Words, HeaderHint Hint)[] Rules = BuildRules();

    private static readonly (string[] Words, string Slot)[] Slots =
    [
        (["寄件", "发件", "寄方", "发货", "sender", "shipper", "from"], "sender"),
        (["收件", "收货", "收方", "receiver", "recipient", "consignee", "to"], "recipient"),
        (["紧急联系", "emergency"], "emergency contact"),
        (["担保", "guarantor"], "guarantor"),
    ];

    private static readonly (string[] Words, Category Category)[] Categories =
    [
        (["定位", "轨迹", "经纬度", "位置", "gps", "location", "latitude"], Category.Whereabouts),
        (["聊天内容", "短信内容", "消息内容", "通信内容"], Category.CommunicationContent),
        (["征信", "逾期", "借款", "贷款", "申请金额", "放款", "授信", "额度", "loan", "credit"], Category.Credit),
        (["房产", "存款", "资产", "车辆", "车牌", "余额"], Category.Property),
        (["入住", "离店", "退房", "房号", "酒店", "宾馆", "checkin"], Category.Accommodation),
        (["通话", "主叫", "被叫", "短信记录", "话单"], Category.CommunicationRecords),
        (["病历", "诊断", "病情", "体检", "医院", "就诊"], Category.Health),
        (["交易记录", "消费", "支付", "付款", "购买"], Category.Transaction),
    ];

    private static readonly string[] RecordTimeWords = ["时间", "日期", "date", "time", "created", "updated"];

    // Times that are not when the record happened: a birthday says nothing of a leak's freshness.
    private static readonly string[] NotRecordTimeWords = ["出生", "生日", "birth", "有效期", "expire", "expiry"];

    /// <summary>True when the header names when the record happened (下单时间, 入住时间, created_at), not a birthday.</summary>
    public static bool IsRecordTime(string? header)
    {
        var key = Normalize(header);
        if (key.Length == 0)
        {
            return false;
        }

        var segments = Segments(header!);
        return RecordTimeWords.Any(w => Matches(key, segments, w)) && !NotRecordTimeWords.Any(w => Matches(key, segments, w));
    }

    // Every kind's header rules joined with the scanner's own, by rank. A rule several kinds list (证件号) reads the
    // column as each of them, in registry order. Plain loops rather than LINQ over value tuples: each such pipeline
    // compiled some 80 generic instantiations at the start of every scan (ReadyToRun cannot carry them; issue 16).
    private static (string[] Words, HeaderHint Hint)[] BuildRules()
    {
        var rules = new List<HeaderRule>();
        var kinds = new List<List<IdentifierKind>>();
        foreach (var spec in KindSpecs.All)
        {
            foreach (var rule in spec.Headers)
            {
                var at = rules.Count - 1;
                while (at >= 0 && !ReferenceEquals(rules[at], rule))
                {
                    at--;
                }

                if (at < 0)
                {
                    rules.Add(rule);
                    kinds.Add([spec.Kind]);
                }
                else
                {
                    kinds[at].Add(spec.Kind);
                }
            }
        }

        var joined = new (int Rank, string[] Words, HeaderHint Hint)[OwnRules.Length + rules.Count];
        OwnRules.CopyTo(joined, 0);
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            joined[OwnRules.Length + i] = (rule.Rank, rule.Words.ToArray(), new HeaderHint(ColumnRole.Identifier, [.. kinds[i]], rule.Reason, false));
        }

        // Ranks are distinct (a test checks it), so any sort gives the one order; insertion sort over a hundred rules
        // needs no generic sorter.
        for (var i = 1; i < joined.Length; i++)
        {
            var item = joined[i];
            var j = i - 1;
            while (j >= 0 && joined[j].Rank > item.Rank)
            {
                joined[j + 1] = joined[j];
                j--;
            }

            joined[j + 1] = item;
        }

        var result = new (string[] Words, HeaderHint Hint)[joined.Length];
        for (var i = 0; i < joined.Length; i++)
        {
            result[i] = (joined[i].Words, joined[i].Hint);
        }

        return result;
    }

    /// <summary>Ranks of all header rules, the scanner's and the kinds' (a test checks that no two share one).</summary>
    internal static IEnumerable<int> Ranks =>
        OwnRules.Select(r => r.Rank).Concat(KindSpecs.All.SelectMany(s => s.Headers).Distinct().Select(r => r.Rank));

    /// <summary>What <paramref name="header"/> says; <see cref="HeaderHint.Unknown"/> when nothing matches.</summary>
    public static HeaderHint Classify(string? header)
    {
        var key = Normalize(header);
        if (key.Length == 0)
        {
            return HeaderHint.Unknown;
        }

        // Bare row identifiers.
        if (key is "id" or "uid" or "userid" or "no" or "rowid")
        {
            return new HeaderHint(ColumnRole.Skip, [], "row identifier", true);
        }

        var segments = Segments(header!);
        foreach (var (words, hint) in Rules)
        {
            foreach (var w in words)
            {
                if (Matches(key, segments, w))
                {
                    return hint with { Reason = $"{hint.Reason} '{header}'" };
                }
            }
        }

        return HeaderHint.Unknown;
    }

    /// <summary>True when <paramref name="header"/> contains one of <paramref name="words"/> (matched as the rules are).</summary>
    public static bool NamesAny(string? header, string[] words)
    {
        var key = Normalize(header);
        if (key.Length == 0)
        {
            return false;
        }

        var segments = Segments(header!);
        return words.Any(w => Matches(key, segments, w));
    }

    /// <summary>The person a column belongs to ("sender", "recipient"); empty for the record's main person.</summary>
    public static string Slot(string? header)
    {
        var key = Normalize(header);
        if (key.Length == 0)
        {
            return string.Empty;
        }

        var segments = Segments(header!);
        foreach (var (words, slot) in Slots)
        {
            foreach (var w in words)
            {
                if (Matches(key, segments, w))
                {
                    return slot;
                }
            }
        }

        return string.Empty;
    }

    /// <summary>Legal categories the header marks the table's records with.</summary>
    public static Category CategoryOf(string? header)
    {
        var key = Normalize(header);
        if (key.Length == 0)
        {
            return Category.None;
        }

        var segments = Segments(header!);
        var found = Category.None;
        foreach (var (words, category) in Categories)
        {
            foreach (var w in words)
            {
                if (Matches(key, segments, w))
                {
                    found |= category;
                }
            }
        }

        return found;
    }

    /// <summary>Lower case, without white space and punctuation, full-width folded.</summary>
    public static string Normalize(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return string.Empty;
        }

        Span<char> buffer = stackalloc char[Math.Min(header.Length, 128)];
        var n = 0;
        foreach (var raw in header.AsSpan(0, Math.Min(header.Length, 128)))
        {
            var c = raw is >= '\uFF01' and <= '\uFF5E' ? (char)(raw - 0xFEE0) : raw;
            if (char.IsLetterOrDigit(c))
            {
                buffer[n++] = char.ToLowerInvariant(c);
            }
        }

        return new string(buffer[..n]);
    }

    // Chinese words match anywhere (Chinese has no word boundaries). English words match whole segments of the
    // header, split at punctuation and camelCase ("hotel" is not "tel", "message" is not "age"); words of four or more
    // letters also match as a segment prefix (cardNo → card) and five or more inside the whole key (useridnumber).
    private static bool Matches(string key, List<string> segments, string word)
    {
        if (word[0] >= 0x80)
        {
            return key.Contains(word, StringComparison.Ordinal);
        }

        if (key == word)
        {
            return true;
        }

        foreach (var s in segments)
        {
            if (s == word || (word.Length >= 4 && s.StartsWith(word, StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return word.Length >= 5 && key.Contains(word, StringComparison.Ordinal);
    }

    private static List<string> Segments(string header)
    {
        var segments = new List<string>();
        var current = new System.Text.StringBuilder();
        char previous = '\0';
        foreach (var raw in header)
        {
            var c = raw is >= '\uFF01' and <= '\uFF5E' ? (char)(raw - 0xFEE0) : raw;
            var boundary = !char.IsAsciiLetterOrDigit(c) || (char.IsAsciiLetterUpper(c) && char.IsAsciiLetterLower(previous));
            if (boundary && current.Length > 0)
            {
                segments.Add(current.ToString());
                current.Clear();
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                current.Append(char.ToLowerInvariant(c));
            }

            previous = c;
        }

        if (current.Length > 0)
        {
            segments.Add(current.ToString());
        }

        return segments;
    }
}
