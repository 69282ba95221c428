using System.Buffers;
using Tracemark.Identifiers;
using Tracemark.Identifiers.Kinds;
using Tracemark.Identifiers.Text;
using Tracemark.Scanning.Detection.Recognizers;

namespace Tracemark.Scanning.Detection;

/// <summary>Receives findings from the scanners.</summary>
internal interface IFindingSink
{
    void Add(IdentifierKind kind, ReadOnlySpan<char> canonical, float confidence, string reason);

    /// <summary>A free-text finding with its span and explanation; sinks that need neither keep the short form.</summary>
    void Add(IdentifierKind kind, ReadOnlySpan<char> canonical, float confidence, string reason, in Evidence evidence) =>
        Add(kind, canonical, confidence, reason);
}

/// <summary>
/// Finds identifiers in free text (lines, chat messages, remark cells). The text is folded once (full-width → ASCII,
/// position for position); candidates are found with digit boundaries, not \b (which does not fire between 手机 and
/// 138…); each is validated by the identifier library and scored from the recognizer's base confidence and the words
/// just before it: a positive context word raises it, a non-personal word (订单号, 流水号 …) closer than any positive
/// one suppresses it. Names and addresses follow, using context words and the identifiers found next to them.
/// One instance per thread: it reuses its buffers.
/// </summary>
internal sealed class TextScanner
{
    private const int ContextWindow = 16;

    private static readonly Recognizer[] DigitRecognizers =
    [
        ResidentIdRecognizer.Instance, MobileRecognizer.Instance, BankCardRecognizer.Instance, LandlineRecognizer.Instance,
        QqRecognizer.Instance, WaybillRecognizer.Instance,
    ];

    private static readonly Recognizer[] TokenRecognizers =
    [
        // Passport-like numbers before Hong Kong IDs: E + 8 characters is an e-passport even when it passes the HKID
        // check by chance; a Hong Kong ID written A123456(3) fits no passport shape.
        ResidentIdRecognizer.Instance, SocialCreditCodeRecognizer.Instance, WaybillRecognizer.Instance, PassportRecognizer.Instance,
        HongKongPassportRecognizer.Instance, MacauPassportRecognizer.Instance, HkMacauTravelPermitRecognizer.Instance,
        HongKongIdRecognizer.Instance, TaiwanIdRecognizer.Instance, TaiwanResidentCertificateRecognizer.Instance, HomeReturnPermitRecognizer.Instance,
    ];

    private const string PlateProvinces = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";

    private readonly char[] _canonical = new char[Identifier.MaxCanonicalLength];
    // Which characters earlier findings took, one byte per character: a list of hits made every overlap test linear
    // in the hits so far, quadratic on a long line (a 20 MB line with 380,000 mobiles took minutes).
    private const byte Covered = 1;
    private const byte HitStart = 2;
    private const byte HitLast = 4;
    private byte[] _taken = new byte[1024];
    private char[] _folded = new char[1024];
    private char[] _lower = new char[1024];
    private IdentifierKind[] _headerKinds = [];

    // Context words of the candidate at _contextAt: every recognizer tried on one candidate asks for the same window,
    // and searching all non-personal words again for each (and each list word by word) was a tenth of a chat scan
    // (issue 16). The non-personal end is kept per candidate, positive ends per list asked for.
    private int _contextAt = -1;
    private int _negativeEnd;
    private readonly string[]?[] _positiveLists = new string[]?[8];
    private readonly int[] _positiveEnds = new int[8];
    private readonly string?[] _positiveWords = new string?[8];
    private int _positiveCount;
    private readonly Dictionary<string[], SearchValues<char>> _firstCharacters = new(ReferenceEqualityComparer.Instance);
    private int _ownedFrom;
    private int _ownedTo;

    /// <summary>
    /// Scans <paramref name="text"/>; reports findings that start within [<paramref name="ownedFrom"/>, <paramref name="ownedTo"/>).
    /// <paramref name="headerKinds"/> are the kinds the field's header names (they count as context).
    /// </summary>
    public void Scan(ReadOnlySpan<char> text, int ownedFrom, int ownedTo, IdentifierKind[] headerKinds, IFindingSink sink)
    {
        if (text.IsEmpty)
        {
            return;
        }

        if (_folded.Length < text.Length)
        {
            _folded = new char[Math.Max(text.Length, _folded.Length * 2)];
            _lower = new char[_folded.Length];
            _taken = new byte[_folded.Length];
        }

        // Folded text (position for position), and a copy with ASCII letters in lower case for context words, so
        // that word searches are ordinal (case-insensitive search cost a fifth of the scan).
        HasSurrogates = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c >= 0x80)
            {
                HasSurrogates |= char.IsSurrogate(c);
                var f = Fold.Character(c);
                c = f == '\uFFFF' ? c : f;
            }

            _folded[i] = c;
            _lower[i] = c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
        }

        var s = _folded.AsSpan(0, text.Length);
        _taken.AsSpan(0, text.Length).Clear();
        _headerKinds = headerKinds;
        _contextAt = -1;
        _ownedFrom = ownedFrom;
        _ownedTo = ownedTo;
        FindEmails(s, sink);
        FindNumbersAndTokens(s, sink);
        FindNames(s, sink);
        FindAddresses(s, sink);
    }

    /// <summary>Whether the last text scanned held surrogate pairs (then UTF-16 positions are not code points).</summary>
    public bool HasSurrogates { get; private set; }

    private bool Owned(int start) => start >= _ownedFrom && start < _ownedTo;

    // The end of the finding that covers position, or 0.
    private int InsideHit(int position)
    {
        if ((_taken[position] & Covered) == 0)
        {
            return 0;
        }

        var end = position;
        while ((_taken[end] & HitLast) == 0)
        {
            end++;
        }

        return end + 1;
    }

    private bool Overlaps(int start, int end) => _taken.AsSpan(start, end - start).ContainsAnyExcept((byte)0);

    private bool HitStartsAt(int position, int length) => position < length && (_taken[position] & HitStart) != 0;

    private bool HitEndsAt(int position) => position > 0 && (_taken[position - 1] & HitLast) != 0;

    private void Emit(IFindingSink sink, int start, int end, IdentifierKind kind, ReadOnlySpan<char> canonical, float confidence, string reason, string recognizer, string? contextWord)
    {
        if (end > start)
        {
            _taken.AsSpan(start, end - start).Fill(Covered);
            _taken[start] |= HitStart;
            _taken[end - 1] |= HitLast;
        }
        if (Owned(start))
        {
            sink.Add(kind, canonical, confidence, reason, new Evidence(start, end, recognizer, contextWord, Validations.For(kind)));
        }
    }

    private void FindEmails(ReadOnlySpan<char> s, IFindingSink sink)
    {
        var from = 0;
        while (from < s.Length)
        {
            var at = s[from..].IndexOf('@');
            if (at < 0)
            {
                return;
            }

            at += from;
            var left = at;
            while (left > 0 && IsLocalChar(s[left - 1]))
            {
                left--;
            }

            var right = at + 1;
            while (right < s.Length && (char.IsAsciiLetterOrDigit(s[right]) || s[right] is '.' or '-'))
            {
                right++;
            }

            while (right > at + 1 && s[right - 1] is '.' or '-')
            {
                right--;
            }

            var candidate = s[left..right];
            var masked = candidate[..(at - left)].Contains('*');
            var kind = masked ? IdentifierKind.EmailMasked : IdentifierKind.Email;
            var v = Identifier.Check(kind, candidate, _canonical);
            if (v.IsValid && left < at)
            {
                var context = HasContext(s, left, EmailRecognizer.Instance.Context, out _, out var word);
                Emit(sink, left, right, kind, _canonical.AsSpan(0, v.Length), masked ? 0.9f : EmailRecognizer.Instance.Base, masked ? "masked e-mail" : EmailRecognizer.Instance.Reason(context),
                    masked ? MaskedRecognizer.Instance.Name : EmailRecognizer.Instance.Name, context ? word : null);
            }

            from = Math.Max(right, at + 1);
        }
    }

    private static bool IsLocalChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '+' or '*' or '%' or '!' or '#' or '$' or '&' or '=' or '?' or '^' or '~';

    // Every character at which FindNumbersAndTokens can start something; the rest of the text is skipped with a
    // vectorized search instead of five tests per character.
    private static readonly SearchValues<char> Starters = SearchValues.Create(
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz+(*×" + PlateProvinces);

    private static readonly SearchValues<char> Provinces = SearchValues.Create(PlateProvinces);

    private void FindNumbersAndTokens(ReadOnlySpan<char> s, IFindingSink sink)
    {
        var i = 0;
        while (i < s.Length)
        {
            var skip = s[i..].IndexOfAny(Starters);
            if (skip < 0)
            {
                return;
            }

            i += skip;
            var c = s[i];

            // Text already taken by an e-mail address (12345678@qq.com) is not scanned again.
            if ((char.IsAsciiLetterOrDigit(c) || c == '+') && InsideHit(i) is var hitEnd and > 0)
            {
                i = hitEnd;
                continue;
            }

            if (Provinces.Contains(c) && i + 1 < s.Length && (char.IsAsciiLetterUpper(s[i + 1]) || (s[i + 1] == '·' && i + 2 < s.Length && char.IsAsciiLetterUpper(s[i + 2]))))
            {
                i = Plate(s, i, sink);
                continue;
            }

            if (char.IsAsciiLetter(c))
            {
                i = Token(s, i, sink);
                continue;
            }

            // Masks right after a Chinese character belong to a masked name (谭* 0086…), not to a number.
            if (IsMask(c) && i > 0 && PersonName.IsHan(s[i - 1]))
            {
                while (i < s.Length && IsMask(s[i]))
                {
                    i++;
                }

                continue;
            }

            if (char.IsAsciiDigit(c) || IsMask(c) || (c == '+' && i + 1 < s.Length && char.IsAsciiDigit(s[i + 1])))
            {
                i = Number(s, i, sink);
                continue;
            }

            // (+86)13800138000: the country code in parentheses belongs to the number.
            if (c == '(' && (s[i..].StartsWith("(+86)") || s[i..].StartsWith("(86)")) && i + 5 < s.Length && char.IsAsciiDigit(s[s[i + 1] == '+' ? i + 5 : i + 4]))
            {
                i = Number(s, i, sink);
                continue;
            }

            i++;
        }
    }

    private static bool IsMask(char c) => c is '*' or '×';

    // A province character, an optional middle dot, then letters and digits: 京A12345, 粤B·D12345.
    private int Plate(ReadOnlySpan<char> s, int start, IFindingSink sink)
    {
        // Province, office letter, serial; one middle dot may separate them (京A·12345, 京·A12345).
        var end = start + 1;
        var dot = false;
        while (end < s.Length && (char.IsAsciiLetterOrDigit(s[end]) || (s[end] == '·' && !dot && end + 1 < s.Length && char.IsAsciiLetterOrDigit(s[end + 1]))
               || (end - start >= 6 && "学警挂港澳领试超".Contains(s[end]))))
        {
            dot |= s[end] == '·';
            end++;
        }

        var candidate = new Candidate(CandidateShape.Plate, 0, 0, 0, end - start - (dot ? 1 : 0), s[start]);
        if (!Overlaps(start, end) && VehiclePlateRecognizer.Instance.Fits(candidate))
        {
            var v = Identifier.Check(IdentifierKind.VehiclePlate, s[start..end], _canonical);
            if (v.IsValid)
            {
                var context = HasContext(s, start, VehiclePlateRecognizer.Instance.Context, out _, out var word);
                Emit(sink, start, end, IdentifierKind.VehiclePlate, _canonical.AsSpan(0, v.Length), context ? 0.99f : VehiclePlateRecognizer.Instance.Base, VehiclePlateRecognizer.Instance.Reason(context),
                    VehiclePlateRecognizer.Instance.Name, context ? word : null);
                return end;
            }
        }

        return start + 1;
    }

    // Letters and digits together: credit codes, passports, HK/TW IDs, lettered waybills, and 17 digits + X.
    private int Token(ReadOnlySpan<char> s, int start, IFindingSink sink)
    {
        if (start > 0 && char.IsAsciiLetterOrDigit(s[start - 1]))
        {
            return start + 1;
        }

        var startsWithDigit = char.IsAsciiDigit(s[start]);

        var end = start;
        int digits = 0, letters = 0;
        while (end < s.Length && char.IsAsciiLetterOrDigit(s[end]))
        {
            if (char.IsAsciiDigit(s[end]))
            {
                digits++;
            }
            else
            {
                letters++;
            }

            end++;
        }

        // Hong Kong IDs carry the check digit in parentheses: A123456(3).
        if (end + 2 < s.Length && s[end] == '(' && char.IsAsciiLetterOrDigit(s[end + 1]) && s[end + 2] == ')' && digits == 6)
        {
            end += 3;
            digits++;
        }

        if (digits == 0 || Overlaps(start, end))
        {
            return end;
        }

        var candidate = new Candidate(CandidateShape.Alphanumeric, digits, letters, 0, end - start, char.ToUpperInvariant(s[start]));
        if (TryRecognizers(s, start, end, candidate, TokenRecognizers, sink))
        {
            return end;
        }

        if (startsWithDigit)
        {
            return end;
        }

        // Letters then digits (QQ123456789, tel13812345678): the letters are context for the number.
        var firstDigit = start;
        while (firstDigit < end && !char.IsAsciiDigit(s[firstDigit]))
        {
            firstDigit++;
        }

        return firstDigit > start && firstDigit < end && Ascii.AllDigits(s[firstDigit..end]) ? Number(s, firstDigit, sink) : end;
    }

    // Digits grouped by single spaces or dashes, with +86 / (+86), mask characters and a trailing X.
    private int Number(ReadOnlySpan<char> s, int start, IFindingSink sink)
    {
        Span<int> groupStart = stackalloc int[12];
        Span<int> groupEnd = stackalloc int[12];
        var groups = 0;
        var i = start;
        if (s[i] == '(')
        {
            var close = s[i..].IndexOf(')');
            i = close > 0 ? i + close + 1 : i + 1;
        }
        else if (s[i] == '+')
        {
            i++;
        }

        while (i < s.Length && groups < 12)
        {
            var g = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || IsMask(s[i])))
            {
                i++;
            }

            if (i == g)
            {
                break;
            }

            // A trailing X ends an ID (11010519491231002X) when no letter or digit follows it.
            if (i < s.Length && s[i] is 'X' or 'x' && (i + 1 >= s.Length || !char.IsAsciiLetterOrDigit(s[i + 1])))
            {
                i++;
            }

            groupStart[groups] = g;
            groupEnd[groups] = i;
            groups++;
            if (i + 1 < s.Length && s[i] is ' ' or '-' && (char.IsAsciiDigit(s[i + 1]) || IsMask(s[i + 1])))
            {
                i++;
                continue;
            }

            break;
        }

        var end = groups > 0 ? groupEnd[groups - 1] : start + 1;

        // Digits glued to letters are a token (a credit code ending in a letter, a Hong Kong ID), read as one.
        if (end < s.Length && char.IsAsciiLetter(s[end]))
        {
            // Not from a mask character: a token cannot start there, and returning start again looped forever on
            // 138****8000abc (found by the offsets property test).
            return s[start] is '+' or '(' || IsMask(s[start]) ? end : Token(s, start, sink);
        }

        // Whole run first; then, greedily, the longest valid stretch of groups from each group.
        if (groups > 0 && !Evaluate(s, start, end, sink))
        {
            var g = 0;
            while (g < groups)
            {
                var found = false;
                for (var last = groups - 1; last >= g; last--)
                {
                    if ((g == 0 && last == groups - 1) || !Evaluate(s, groupStart[g], groupEnd[last], sink))
                    {
                        continue;
                    }

                    g = last + 1;
                    found = true;
                    break;
                }

                if (!found)
                {
                    g++;
                }
            }
        }

        return end;
    }

    // Tries the digit recognizers on s[start..end]; true when one reported it or a decoy word suppressed it.
    private bool Evaluate(ReadOnlySpan<char> s, int start, int end, IFindingSink sink)
    {
        var text = s[start..end];
        int digits = 0, masks = 0, letters = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (IsMask(c))
            {
                masks++;
            }
            else if (char.IsAsciiLetter(c))
            {
                letters++;
            }
        }

        var first = '\0';
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                first = c;
                break;
            }
        }

        var candidate = new Candidate(CandidateShape.Digits, digits, letters, masks, text.Length, first);
        if (masks > 0)
        {
            if (!MaskedRecognizer.Instance.Fits(candidate) || !MaskedRecognizer.TryClassify(text, out var maskedKind))
            {
                return false;
            }

            var v = Identifier.Check(maskedKind, text, _canonical);
            var context = HasContext(s, start, MaskedRecognizer.Instance.Context, out var suppressed, out var word);
            if (suppressed)
            {
                return true;
            }

            Emit(sink, start, end, maskedKind, _canonical.AsSpan(0, v.Length), context ? MaskedRecognizer.Instance.WithContext : MaskedRecognizer.Instance.Base, "masked value (partial)",
                MaskedRecognizer.Instance.Name, context ? word : null);
            return true;
        }

        return TryRecognizers(s, start, end, candidate, DigitRecognizers, sink);
    }

    private bool TryRecognizers(ReadOnlySpan<char> s, int start, int end, Candidate candidate, Recognizer[] recognizers, IFindingSink sink)
    {
        var text = s[start..end];
        foreach (var r in recognizers)
        {
            if (!r.Fits(candidate))
            {
                continue;
            }

            var context = HasContext(s, start, r.Context, out var suppressed, out var word);
            if (!context && Array.IndexOf(_headerKinds, r.Kind) >= 0)
            {
                context = true;
                word = Evidence.HeaderContext;
            }

            var needsContext = r.RequiresContext || (r == WaybillRecognizer.Instance && WaybillRecognizer.NeedsContext(candidate));
            if (needsContext && !context)
            {
                continue;
            }

            var v = Identifier.Check(r.Kind, text, _canonical);
            if (!v.IsValid)
            {
                continue;
            }

            // A non-personal word closer than any context word: a decoy (order number, serial). Nothing is reported.
            if (suppressed && !context)
            {
                return true;
            }

            var confidence = context ? r.WithContext : r.Base;
            if (r == BankCardRecognizer.Instance && !context && BankCard.Describe(_canonical.AsSpan(0, v.Length)).Issuer is null)
            {
                confidence = BankCardRecognizer.UnknownIssuer;
            }

            Emit(sink, start, end, r.Kind, _canonical.AsSpan(0, v.Length), confidence, r.Reason(context), r.Name, context ? word : null);
            return true;
        }

        return false;
    }

    // Context: the last positive word and the last non-personal word within the window before start; the closer wins.
    private bool HasContext(ReadOnlySpan<char> s, int start, string[] words, out bool suppressed, out string? word)
    {
        _ = s;
        var from = Math.Max(0, start - ContextWindow);
        var window = _lower.AsSpan(from, start - from);
        if (start != _contextAt)
        {
            _contextAt = start;
            _positiveCount = 0;
            _negativeEnd = LastEnd(window, NonPersonalWords.Words, out _);
        }

        var positive = int.MinValue;
        word = null;
        for (var i = 0; i < _positiveCount; i++)
        {
            if (ReferenceEquals(_positiveLists[i], words))
            {
                positive = _positiveEnds[i];
                word = _positiveWords[i];
                break;
            }
        }

        if (positive == int.MinValue)
        {
            positive = LastEnd(window, words, out word);
            if (_positiveCount < _positiveLists.Length)
            {
                _positiveLists[_positiveCount] = words;
                _positiveWords[_positiveCount] = word;
                _positiveEnds[_positiveCount++] = positive;
            }
        }

        var negative = _negativeEnd;
        suppressed = negative > positive;
        return positive >= 0 && positive >= negative;
    }

    private int LastEnd(ReadOnlySpan<char> window, string[] words, out string? word)
    {
        word = null;
        // Most windows hold no word's first character: one vectorized search answers for the whole list.
        if (!_firstCharacters.TryGetValue(words, out var first))
        {
            _firstCharacters[words] = first = SearchValues.Create([.. words.Where(w => w.Length > 0).Select(w => w[0]).Distinct()]);
        }

        if (!window.ContainsAny(first))
        {
            return -1;
        }

        var best = -1;
        foreach (var w in words)
        {
            var at = window.LastIndexOf(w.AsSpan());
            if (at >= 0 && at + w.Length > best)
            {
                best = at + w.Length;
                word = w;
            }
        }

        return best;
    }

    private void FindNames(ReadOnlySpan<char> s, IFindingSink sink)
    {
        Span<char> canonical = stackalloc char[PersonName.MaxLength];
        var i = 0;
        while (i < s.Length)
        {
            if (!PersonName.IsHan(s[i]))
            {
                i++;
                continue;
            }

            var runStart = i;
            while (i < s.Length && PersonName.IsHan(s[i]))
            {
                i++;
            }

            // Names are sometimes written with a space (张 三): a lone surname, a space, and a piece of one or two
            // characters read as one run. Two names side by side (张三 李四) are not joined.
            if (i + 1 < s.Length && s[i] == ' ' && PersonName.IsHan(s[i + 1]) && TrailingPiece(s, runStart, i) == 1
                && Identifiers.Reference.Surnames.TryGet(s.Slice(i - 1, 1), out _))
            {
                var next = i + 1;
                while (next < s.Length && PersonName.IsHan(s[next]))
                {
                    next++;
                }

                // The piece counts up to a stop word: 刘 长先生 joins as 刘 长 + 先生.
                var piece = 1;
                while (i + 1 + piece < next && !NameRecognizer.StartsWithStop(s[(i + 1 + piece)..]))
                {
                    piece++;
                }

                if (piece <= 2)
                {
                    i = next;
                }
            }

            var run = s[runStart..i];

            // After a context word inside the run (客户张三) or just before it (户名：张三).
            var contextAt = -1;
            string? contextWord = null;
            const string evidence = "after a name word (客户, 户名, 联系人 …)";
            for (var k = 0; k < run.Length && contextAt < 0; k++)
            {
                if (NameRecognizer.ContextWordEnding(run[..(k + 1)]) is { } w)
                {
                    contextAt = runStart + k + 1;
                    contextWord = w;
                }
            }

            if (contextAt < 0 && runStart > 0)
            {
                var before = runStart - 1;
                while (before > 0 && s[before] is ':' or '：' or ' ')
                {
                    before--;
                }

                if (before < runStart - 1 && NameRecognizer.ContextWordEnding(s[..(before + 1)]) is { } w)
                {
                    contextAt = runStart;
                    contextWord = w;
                }
            }

            if (contextAt >= 0 && contextAt < i)
            {
                TryName(s, contextAt, i, sink, canonical, requireBoundary: false, NameRecognizer.WithContext, "valid name; " + evidence, contextWord);
                continue;
            }

            // Just before an honorific: 李娜女士, 请王建国先生 (a surname alone with an honorific is not a name).
            foreach (var h in NameRecognizer.Honorifics)
            {
                var at = run.IndexOf(h);
                foreach (var length in (ReadOnlySpan<int>)[3, 2, 4])
                {
                    if (at - length < 0 || Overlaps(runStart + at - length, runStart + at))
                    {
                        continue;
                    }

                    var name = run.Slice(at - length, length);
                    if (!NameRecognizer.StartsWithStop(name) && PersonName.Check(name, canonical).IsValid)
                    {
                        Emit(sink, runStart + at - length, runStart + at, IdentifierKind.Name, canonical[..length], NameRecognizer.WithContext, "valid name; before an honorific (先生, 女士)", NameRecognizer.Name, h);
                        break;
                    }
                }
            }

            // A whole run of 2–4 characters (or a surname and masks: 张**) right next to an identifier:
            // 张三 13812345678, 张三----138…, 138…|张三.
            var masks = i;
            while (masks < s.Length && IsMask(s[masks]))
            {
                masks++;
            }

            if (run.Length is >= 1 and <= 5 && masks - runStart is >= 2 and <= 5)
            {
                if (NextToHit(s, runStart, i))
                {
                    TryName(s, runStart, i, sink, canonical, requireBoundary: true, NameRecognizer.NextToIdentifier, "valid name; next to an identifier");
                }
                else if (NextToNumber(s, masks))
                {
                    TryName(s, runStart, i, sink, canonical, requireBoundary: true, NameRecognizer.NextToNumber, "valid name; next to a phone- or ID-like number");
                }
                else if (NameRecognizer.FollowedByMarker(s, masks))
                {
                    TryName(s, runStart, i, sink, canonical, requireBoundary: true, NameRecognizer.NextToNumber, "valid name; before a victim remark (有资金需求 …)");
                }
            }
        }
    }

    // Length of the last piece of a run (after its context word or the run start), for joining 王 军.
    private static int TrailingPiece(ReadOnlySpan<char> s, int runStart, int runEnd)
    {
        var run = s[runStart..runEnd];
        for (var k = run.Length - 1; k >= 0; k--)
        {
            if (NameRecognizer.EndsWithContext(run[..k]) > 0)
            {
                return run.Length - k;
            }
        }

        return run.Length;
    }

    private void TryName(ReadOnlySpan<char> s, int start, int runEnd, IFindingSink sink, Span<char> canonical, bool requireBoundary, float confidence, string evidence, string? contextWord = null)
    {
        // A masked name: a surname then mask characters right after the run (客户张*, 欧阳**). Checked first, or
        // 欧阳 would pass as a two-character name.
        if (runEnd < s.Length && IsMask(s[runEnd]) && runEnd - start is >= 1 and <= 2)
        {
            var end = runEnd;
            while (end < s.Length && IsMask(s[end]))
            {
                end++;
            }

            var v = MaskedValue.Check(IdentifierKind.NameMasked, s[start..end], canonical);
            if (v.IsValid && !Overlaps(start, end))
            {
                Emit(sink, start, end, IdentifierKind.NameMasked, canonical[..v.Length], confidence, evidence, NameRecognizer.Name, contextWord);
                return;
            }
        }

        var length = NameRecognizer.NameAtStart(s[start..runEnd], requireBoundary);

        if (length > 0 && !Overlaps(start, start + length))
        {
            var v = PersonName.Check(s.Slice(start, length), canonical);
            Emit(sink, start, start + length, IdentifierKind.Name, canonical[..v.Length], confidence, evidence, NameRecognizer.Name, contextWord);
        }
    }

    // Separated from an identifier found in this text by nothing but separators.
    private bool NextToHit(ReadOnlySpan<char> s, int start, int end)
    {
        var after = end;
        while (after < s.Length && IsSeparator(s[after]))
        {
            after++;
        }

        var before = start;
        while (before > 0 && IsSeparator(s[before - 1]))
        {
            before--;
        }

        // A masked name continues with its masks.
        var masked = end;
        while (masked < s.Length && IsMask(s[masked]))
        {
            masked++;
        }

        while (masked < s.Length && IsSeparator(s[masked]))
        {
            masked++;
        }

        return (after > end && HitStartsAt(after, s.Length)) || (masked > end && HitStartsAt(masked, s.Length)) || (before < start && HitEndsAt(before));
    }

    // Followed, across separators, by a run of 7–19 digits: a phone or ID number even when it does not validate
    // (a mistyped mobile next to a name is still a record about a person).
    private static bool NextToNumber(ReadOnlySpan<char> s, int end)
    {
        var i = end;
        while (i < s.Length && IsSeparator(s[i]))
        {
            i++;
        }

        if (i == end)
        {
            return false;
        }

        var digits = 0;
        while (i < s.Length && (char.IsAsciiDigit(s[i]) || (digits > 0 && s[i] is ' ' or '-' && i + 1 < s.Length && char.IsAsciiDigit(s[i + 1]))))
        {
            digits += char.IsAsciiDigit(s[i]) ? 1 : 0;
            i++;
        }

        return digits is >= 7 and <= 19 && (i >= s.Length || !char.IsAsciiLetterOrDigit(s[i]));
    }

    // Not ':' — in chat logs "nick: 138…" a nickname would pass for a name next to a number.
    private static bool IsSeparator(char c) => c is ' ' or '\t' or '-' or '|' or ',' or '，' or '/' or ';' or '；';

    private void FindAddresses(ReadOnlySpan<char> s, IFindingSink sink)
    {
        Span<char> canonical = stackalloc char[PostalAddress.MaxLength];

        // After an address word: 地址：广东省…
        foreach (var w in AddressRecognizer.Before)
        {
            var from = 0;
            while (from < s.Length)
            {
                var at = _lower.AsSpan(from, s.Length - from).IndexOf(w.AsSpan());
                if (at < 0)
                {
                    break;
                }

                var start = from + at + w.Length;
                while (start < s.Length && s[start] is ':' or '：' or ' ' or '是' or '为')
                {
                    start++;
                }

                var end = AddressRecognizer.End(s, start);
                if (end > start && !Overlaps(start, end))
                {
                    var v = PostalAddress.Check(s[start..end], canonical);
                    if (v.IsValid)
                    {
                        Emit(sink, start, end, IdentifierKind.Address, canonical[..v.Length], AddressRecognizer.WithContext, "valid address; after an address word", AddressRecognizer.Name, w);
                    }
                }

                from = Math.Max(end, from + at + w.Length);
            }
        }

        // Starting with a region name at a token boundary: 广东省深圳市…
        for (var i = 0; i < s.Length; i++)
        {
            if (!PersonName.IsHan(s[i]) || (i > 0 && PersonName.IsHan(s[i - 1])) || !AddressRecognizer.CouldStartRegion(s[i]) || !AddressRecognizer.StartsWithRegion(s[i..]))
            {
                continue;
            }

            var end = AddressRecognizer.End(s, i);
            if (end - i < 5 || Overlaps(i, end))
            {
                continue;
            }

            var v = PostalAddress.Check(s[i..end], canonical);
            if (v.IsValid && PostalAddress.Describe(canonical[..v.Length]).Parts > 0)
            {
                Emit(sink, i, end, IdentifierKind.Address, canonical[..v.Length], AddressRecognizer.RegionStart, "valid address; starts with a region name", AddressRecognizer.Name, null);
                i = end;
            }
        }
    }
}
