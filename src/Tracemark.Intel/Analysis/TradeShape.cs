namespace Tracemark.Intel.Analysis;

/// <summary>
/// Evidence from the shape of a post rather than from the trade's vocabulary, which every new writer varies (three
/// held-out checks showed the lexicon missing a tenth of new posts' words). Two readings, both on closed classes of
/// Chinese that jargon does not touch:
/// <list type="bullet">
/// <item><b>Narration.</b> News, judgments, police warnings and a member's warning tell of the trade: passive voice
/// (已被刑拘, 被骗), a defendant named by surname + 某 (李某, 王某某), someone else as the subject (有人冒充), the ad's words
/// in quotation marks (以"出料"为暗语), advice to the reader (请勿添加, 谨防, 大家别加), people counted (3名员工, 男子), a
/// completed action (已经踢了, 卖了), the disposal construction of a charge (将…出售), a reporting verb (警方发现，) or an
/// indefinite subject (一些人, 不法分子). An ad speaks in the present
/// to a buyer; it uses none of these.</item>
/// <item><b>Goods from the head of the noun.</b> Chinese compounds put their head last: whatever the modifier a
/// writer invents, …号 is an account (注册号, 素人号, 千粉号), …卡 a card (a bank card beside 银/储/借/盾, else a SIM),
/// …码 after 验证/接 a SIM service, 查… a lookup, and records are counted by 条 or 行 or described by two fields. In a
/// post shaped as a trade — a contact, and a price or a trade verb — with no goods word known, the head names the
/// goods.</item>
/// </list>
/// </summary>
internal static class TradeShape
{
    /// <summary>Common surnames (a closed class): 李某, 王某某 name a defendant or suspect in a judgment or a news report.</summary>
    private const string Surnames = "张王李赵陈刘杨黄吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";

    private static readonly System.Buffers.SearchValues<char> ClauseEnds = System.Buffers.SearchValues.Create("，。,;；！!");

    private static readonly System.Buffers.SearchValues<char> BankMarks = System.Buffers.SearchValues.Create("银储借盾");

    /// <summary>What follows 被 in a report: arrested, sentenced, detained, cheated, prosecuted, reported, fined.</summary>
    private const string PassiveVerbs = "抓判刑拘骗捕查起依举移罚";

    /// <summary>
    /// How many kinds of narration mark the text, and how many of them are <paramref name="strong"/> — the ones no ad
    /// uses even in passing (passive of a case, a surname + 某, advice to the reader, the disposal construction).
    /// </summary>
    public static int Narration(ReadOnlySpan<char> text, out int strong)
    {
        strong = 0;
        var kinds = 0;
        if (Passive(text))
        {
            kinds++;
            strong++;
        }

        if (SurnameMou(text))
        {
            kinds++;
            strong++;
        }

        if (Advice(text))
        {
            kinds++;
            strong++;
        }

        if (Disposal(text))
        {
            kinds++;
            strong++;
        }

        kinds += Someone(text) ? 1 : 0;
        kinds += Quoted(text) ? 1 : 0;
        kinds += PeopleCounted(text) ? 1 : 0;
        kinds += Completed(text) ? 1 : 0;
        kinds += Reported(text) ? 1 : 0;
        return kinds;
    }

    private static bool Passive(ReadOnlySpan<char> text)
    {
        for (var i = text.IndexOf('被'); i >= 0 && i + 1 < text.Length; i = Next(text, i, '被'))
        {
            if (PassiveVerbs.Contains(text[i + 1], StringComparison.Ordinal) || (i > 0 && text[i - 1] == '已'))
            {
                return true;
            }
        }

        return false;
    }

    private static bool SurnameMou(ReadOnlySpan<char> text)
    {
        for (var i = text.IndexOf('某'); i > 0; i = Next(text, i, '某'))
        {
            if (Surnames.Contains(text[i - 1], StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Advice(ReadOnlySpan<char> text)
    {
        foreach (var word in (ReadOnlySpan<string>)["请勿", "切勿", "谨防", "千万别", "千万不要", "不要相信", "请立即", "请大家", "大家别", "别信", "别加", "如遇"])
        {
            if (text.Contains(word, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>将 + what + a selling verb within one clause: the charge's 将客户资料…出售.</summary>
    private static bool Disposal(ReadOnlySpan<char> text)
    {
        for (var i = text.IndexOf('将'); i >= 0; i = Next(text, i, '将'))
        {
            var end = Math.Min(text.Length, i + 24);
            var clause = text[(i + 1)..end];
            var stop = clause.IndexOfAny(ClauseEnds);
            clause = stop >= 0 ? clause[..stop] : clause;
            foreach (var verb in (ReadOnlySpan<string>)["出售", "倒卖", "贩卖", "卖给", "出卖", "提供给", "转卖"])
            {
                if (clause.Contains(verb, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>有人 as the subject ("有人冒充", "有人卖"), not a buyer invited ("有人要的私", "有需要的").</summary>
    private static bool Someone(ReadOnlySpan<char> text)
    {
        for (var i = text.IndexOf("有人", StringComparison.Ordinal); i >= 0; i = NextWord(text, i, "有人"))
        {
            if (i + 2 >= text.Length || text[i + 2] is not ('要' or '需' or '收' or '出' or '的' or ' '))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Two to 24 characters in quotation marks: the trade's words or an ad's sentence cited, not used.</summary>
    private static bool Quoted(ReadOnlySpan<char> text)
    {
        for (var i = text.IndexOf('“'); i >= 0; i = Next(text, i, '“'))
        {
            var close = text[(i + 1)..].IndexOf('”');
            if (close is >= 2 and <= 24)
            {
                return true;
            }
        }

        return false;
    }

    private static bool PeopleCounted(ReadOnlySpan<char> text)
    {
        foreach (var word in (ReadOnlySpan<string>)["男子", "女子", "名员工", "名嫌疑", "名被告", "名群众"])
        {
            if (text.Contains(word, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A report's own voice: a reporting verb closing its clause (检察官介绍，警方发现，经查，), or an indefinite
    /// subject (一些人, 不法分子, 有的人) — an ad names its own goods, not what "some people" do.
    /// </summary>
    private static bool Reported(ReadOnlySpan<char> text)
    {
        foreach (var verb in (ReadOnlySpan<string>)["介绍", "表示", "指出", "发现", "提示", "通报", "查明", "经查", "指控", "称"])
        {
            for (var i = text.IndexOf(verb, StringComparison.Ordinal); i >= 0; i = NextWord(text, i, verb))
            {
                var after = i + verb.Length;
                if (after < text.Length && text[after] is '，' or ',')
                {
                    return true;
                }
            }
        }

        foreach (var subject in (ReadOnlySpan<string>)["一些人", "不法分子", "有的人"])
        {
            if (text.Contains(subject, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>已经 … 了 within a clause, or a deed done (发了, 卖了, 踢了, 抓了, 判了, 骗了).</summary>
    private static bool Completed(ReadOnlySpan<char> text)
    {
        var already = text.IndexOf("已经", StringComparison.Ordinal);
        if (already >= 0)
        {
            var rest = text[(already + 2)..Math.Min(text.Length, already + 12)];
            if (rest.Contains('了'))
            {
                return true;
            }
        }

        for (var i = text.IndexOf('了'); i > 0; i = Next(text, i, '了'))
        {
            if (text[i - 1] is '发' or '卖' or '踢' or '抓' or '判' or '骗')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The goods a trade-shaped post names by the head of its nouns, or null: 验证码/接码 → sim; 查… or a price per
    /// order (一单, 单查) → lookup; records (two fields, a count of 条 or 行, a price per 条) → personal_data; …号 →
    /// accounts; …卡 → bank_kit beside 银/储/借/盾, else sim.
    /// </summary>
    public static (string Goods, string Reason, int Head)? HeadGoods(ReadOnlySpan<char> text, int fieldCount, bool countsRecords, bool perRecord)
    {
        var code = Head(text, '码', "证接收");
        if (code >= 0)
        {
            return ("sim", "a SIM service named by its head (…验证码, 接…码) in a post shaped as a trade", code);
        }

        if (Lookup(text) || ((text.Contains("一单", StringComparison.Ordinal) || text.Contains("单查", StringComparison.Ordinal)) && !countsRecords))
        {
            return ("lookup", "a lookup named by 查… or priced per order (一单) in a post shaped as a trade", -1);
        }

        if (fieldCount >= 2 || countsRecords || perRecord)
        {
            return ("personal_data", "records named by their fields or counted by the record (条/行) in a post shaped as a trade", -1);
        }

        var account = AccountHead(text);
        if (account >= 0)
        {
            return ("accounts", "accounts named by their head (…号) in a post shaped as a trade", account);
        }

        var card = Head(text, '卡', null);
        if (card >= 0)
        {
            var bank = text[..card].IndexOfAny(BankMarks) >= 0;
            return bank ? ("bank_kit", "bank cards named by their head (…卡 beside 银/储/借/盾) in a post shaped as a trade", card) : ("sim", "SIM cards named by their head (…卡) in a post shaped as a trade", card);
        }

        return null;
    }

    /// <summary>查 starting a word (查某人, 查快递) — not 检查, 调查, 审查, 侦查 nor 查看.</summary>
    private static bool Lookup(ReadOnlySpan<char> text)
    {
        for (var i = text.IndexOf('查'); i >= 0; i = Next(text, i, '查'))
        {
            var before = i > 0 ? text[i - 1] : ' ';
            var after = i + 1 < text.Length ? text[i + 1] : ' ';
            if (before is not ('检' or '调' or '审' or '侦' or '排' or '抽' or '普' or '复') && after is not ('看' or '处' or '获' or '明' or '封' or '询' or ' '))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>…号 after a letter or a Chinese modifier: 注册号, 素人号, V8号 — not 单号, 型号, 号段, 号码 nor a number's 号.</summary>
    private static int AccountHead(ReadOnlySpan<char> text)
    {
        for (var i = text.IndexOf('号'); i > 0; i = Next(text, i, '号'))
        {
            var before = text[i - 1];
            var after = i + 1 < text.Length ? text[i + 1] : ' ';
            if ((char.IsAsciiLetterOrDigit(before) || before >= '\u4E00') && !char.IsAsciiDigit(before) && before is not ('单' or '型' or '编' or '信' or '账' or '字' or '称' or '口' or '挂' or '暗' or '同')
                && after is not ('段' or '码'))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Which way the noun phrase that ends at <paramref name="head"/> trades: it starts with a buying verb (收王者号,
    /// 求…卡, 租…号, 要…) → +1, a selling one (出…号, 卖…) → -1, else 0. The phrase runs back to a space or a mark.
    /// </summary>
    public static int PhraseVerb(ReadOnlySpan<char> text, int head)
    {
        if (head <= 0)
        {
            return 0;
        }

        var start = head;
        while (start > 0 && (char.IsAsciiLetterOrDigit(text[start - 1]) || text[start - 1] >= '\u4E00'))
        {
            start--;
        }

        return text[start] switch
        {
            '收' or '求' or '租' or '要' => 1,
            '出' or '卖' => -1,
            _ => 0,
        };
    }

    /// <summary>Where <paramref name="head"/> ends a word (after a letter or a Chinese character, and after one of
    /// <paramref name="modifiers"/> when given), or -1.</summary>
    private static int Head(ReadOnlySpan<char> text, char head, string? modifiers)
    {
        for (var i = text.IndexOf(head); i > 0; i = Next(text, i, head))
        {
            var before = text[i - 1];
            var after = i + 1 < text.Length ? text[i + 1] : ' ';
            if ((modifiers is null ? char.IsAsciiLetter(before) || before >= '\u4E00' : modifiers.Contains(before, StringComparison.Ordinal)) && after is not ('号' or '密' or '农'))
            {
                return i;
            }
        }

        return -1;
    }

    private static int Next(ReadOnlySpan<char> text, int i, char c)
    {
        var at = text[(i + 1)..].IndexOf(c);
        return at < 0 ? -1 : i + 1 + at;
    }

    private static int NextWord(ReadOnlySpan<char> text, int i, string word)
    {
        var at = text[(i + 1)..].IndexOf(word, StringComparison.Ordinal);
        return at < 0 ? -1 : i + 1 + at;
    }
}
