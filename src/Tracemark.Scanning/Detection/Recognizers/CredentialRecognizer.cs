using System.Globalization;
using Tracemark.Identifiers;
using Tracemark.Identifiers.Kinds;
using Tracemark.Scanning.Reading;

namespace Tracemark.Scanning.Detection.Recognizers;

/// <summary>A table's account and password columns, and why they were taken to be.</summary>
internal sealed record CredentialColumns(int Account, int Password, bool Headed, string Reason);

/// <summary>Where a credential sits in a line of text: the account's and the password's spans.</summary>
internal readonly record struct CredentialSpan(int AccountStart, int AccountEnd, int PasswordStart, int PasswordEnd, float Confidence, string Reason, string? ContextWord);

/// <summary>
/// Account credentials (issue 22): an account — QQ number, mobile, e-mail, a game or WeChat account name — with its
/// password, in the three forms leaks carry them. (1) A table whose headers name a password column (密码, 口令,
/// pwd, password) and an account column (账号, QQ, 邮箱, 手机, 微信, user …), JSON keys included. (2) A header-less
/// dump whose first column is mostly accounts and the next mostly password-shaped values that are no identifier
/// (so 张三----138…----110… and QQ----mobile binding dumps are not credentials). (3) A line of text that is exactly
/// <c>account SEP password</c> with SEP one of <c>---- | tab , :</c> (a colon only after a QQ number, mobile or
/// e-mail: <c>Error:timeout</c> is no credential), or that says <c>账号:… 密码:…</c>.
/// The password column is never read for identifiers and the password is never part of a finding's value: a finding
/// carries the normalised account and the password's <see cref="PasswordShape"/>; only the scan's observer (the
/// store's keyed tagger, the exposure publisher) receives the (account, password) pair.
/// </summary>
internal static class CredentialRecognizer
{
    public const string Name = nameof(CredentialRecognizer);

    public const string Validation = "account (QQ number, mobile, e-mail or account name) with a 4–128 character password";

    // Password headers: "pass" alone would take "passport", so only longer forms and the usual abbreviations.
    public static readonly string[] PasswordWords = ["密码", "密碼", "口令", "password", "passwd", "passwort", "passw", "pwd", "pw", "mima"];

    private static readonly string[] AccountWords =
        ["账号", "帐号", "賬號", "账户", "帐户", "用户名", "登录名", "登录", "qq", "扣扣", "邮箱", "email", "mail", "手机", "mobile", "phone",
         "微信", "wechat", "weixin", "wxid", "游戏", "account", "acct", "username", "user", "login", "uin"];

    // Key-value text: 账号:123456789 密码:abc123 (also QQ：…, 邮箱 …, user=…, pwd=…).
    private static readonly string[] TextAccountWords = ["账号", "帐号", "賬號", "qq号", "qq", "邮箱", "手机号", "手机", "微信号", "微信", "account", "user", "username", "login"];

    private static readonly string[] TextPasswordWords = ["密码", "密碼", "口令", "password", "passwd", "pwd", "pass"];

    private static readonly string[] LineSeparators = ["----", "\t", "|", ",", ":", "："];

    private const double AccountShare = 0.8;
    private const double PasswordShare = 0.8;

    /// <summary>True when a header names a password column.</summary>
    public static bool IsPasswordHeader(string? header) => HeaderWords.NamesAny(header, PasswordWords);

    /// <summary>
    /// The table's account and password columns: named by headers, or, without a header, two adjacent columns whose
    /// sampled values are accounts and passwords. A password column found from values is set to be skipped, so no
    /// password is ever read as an identifier.
    /// </summary>
    public static CredentialColumns? Plan(Table table, ColumnPlan plan, RecordBatch first, int sampleStart, int columnCount)
    {
        if (table.Columns.Count > 0 && table.Columns.Exists(IsPasswordHeader))
        {
            var password = table.Columns.FindIndex(IsPasswordHeader);
            var account = -1;
            for (var c = 0; c < table.Columns.Count && account < 0; c++)
            {
                if (c != password && !IsPasswordHeader(table.Columns[c]) && HeaderWords.NamesAny(table.Columns[c], AccountWords))
                {
                    account = c;
                }
            }

            return account < 0 ? null : new CredentialColumns(account, password, true,
                $"account header '{table.Columns[account]}' and password header '{table.Columns[password]}'");
        }

        if (table.HeaderRow || table.Format is not (TableFormat.Dump or TableFormat.Csv or TableFormat.Tsv))
        {
            return null;
        }

        // Dumps lead with the account (QQ----password, account----password----mobile); a later pair of columns
        // (张三----10…----code in a pseudonymised 料 file) is not taken for one.
        Span<char> canonical = stackalloc char[Identifier.MaxCanonicalLength];
        for (var c = 0; c == 0 && c + 1 < columnCount; c++)
        {
            if (plan.For(c + 1).Role == ColumnRole.Identifier)
            {
                continue;
            }

            int values = 0, accounts = 0, passwords = 0;
            for (var r = sampleStart; r < first.Count && values < 200; r++)
            {
                var a = FieldOf(first, r, c).Trim();
                var p = FieldOf(first, r, c + 1).Trim();
                if (a.IsEmpty && p.IsEmpty)
                {
                    continue;
                }

                values++;
                accounts += Credential.Check(a, canonical).IsValid ? 1 : 0;
                passwords += IsBarePassword(p) ? 1 : 0;
            }

            if (values >= 2 && accounts >= values * AccountShare && passwords >= values * PasswordShare)
            {
                var slot = plan.For(c + 1).Slot;
                plan.Replace(c + 1, new ColumnReading(ColumnRole.Skip, [], slot, 0, "password column: never read or printed"));
                return new CredentialColumns(c, c + 1, false, string.Create(CultureInfo.InvariantCulture,
                    $"{accounts * 100 / values} % of {values} sampled rows are an account then a password"));
            }
        }

        return null;
    }

    /// <summary>
    /// True when the first two rows both read as account then password and neither of the first row's two cells is
    /// a header word written out whole (<c>user,password</c> and <c>QQ,pwd</c> stay headers).
    /// </summary>
    public static bool FirstRowIsAPair(RecordBatch batch)
    {
        if (batch.Count < 2 || batch.FieldCount(0) < 2 || batch.FieldCount(1) < 2)
        {
            return false;
        }

        var account = batch.Field(0, 0).Trim();
        var password = batch.Field(0, 1).Trim();
        if (IsWord(account, AccountWords) || IsWord(account, TextAccountWords) || IsWord(password, PasswordWords) || IsWord(password, TextPasswordWords))
        {
            return false;
        }

        Span<char> canonical = stackalloc char[Identifier.MaxCanonicalLength];
        for (var r = 0; r < 2; r++)
        {
            if (!Credential.Check(batch.Field(r, 0).Trim(), canonical).IsValid || !IsBarePassword(batch.Field(r, 1).Trim()))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsWord(ReadOnlySpan<char> cell, string[] words)
    {
        foreach (var word in words)
        {
            if (cell.Equals(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Checks a record's account and password; writes the normalised account. Without a header the password
    /// must not itself be an identifier (a QQ----mobile binding line is no credential).</summary>
    public static bool TryRead(ReadOnlySpan<char> account, ReadOnlySpan<char> password, bool headed, Span<char> canonical, out int length, out PasswordShape shape)
    {
        length = 0;
        shape = default;
        password = password.Trim();
        var v = Credential.Check(account.Trim(), canonical);
        if (!v.IsValid || !(headed ? Credential.IsPassword(password) : IsBarePassword(password)))
        {
            return false;
        }

        length = v.Length;
        shape = Credential.Shape(password);
        return true;
    }

    /// <summary>
    /// A line (or free-text cell) holding one credential: <c>账号:… 密码:…</c> anywhere in it, or the whole line being
    /// <c>account SEP password</c>.
    /// </summary>
    public static bool TryLine(ReadOnlySpan<char> line, Span<char> scratch, out CredentialSpan found)
    {
        found = default;
        if (line.Length > 4096)
        {
            return false;
        }

        return TryKeyValue(line, scratch, out found) || TryWholeLine(line, scratch, out found);
    }

    private static bool TryWholeLine(ReadOnlySpan<char> line, Span<char> scratch, out CredentialSpan found)
    {
        found = default;
        var lead = line.Length - line.TrimStart().Length;
        var body = line.Trim();
        foreach (var separator in LineSeparators)
        {
            var at = body.IndexOf(separator, StringComparison.Ordinal);
            if (at <= 0 || body[(at + separator.Length)..].Contains(separator, StringComparison.Ordinal))
            {
                continue;
            }

            var account = body[..at].Trim();
            var password = body[(at + separator.Length)..].Trim();
            var v = Credential.Check(account, scratch);
            if (!v.IsValid || !IsBarePassword(password) || account.ContainsAny(' ', '\t'))
            {
                continue;
            }

            // After a colon only a QQ number, mobile or e-mail (combo lists): "Error:timeout" and "utf8:on" are text.
            // Dumps write their separators bare; a space around one is prose or a list ("emp-04, emp-05"), so there
            // too only an account that is itself an identifier makes a credential.
            var spaced = char.IsWhiteSpace(body[at - 1]) || (at + separator.Length < body.Length && char.IsWhiteSpace(body[at + separator.Length]));
            if ((separator is ":" or "：" || spaced) && !IsStrongAccount(account))
            {
                continue;
            }

            var accountStart = lead + (body.Length - body.TrimStart().Length);
            var passwordStart = lead + at + separator.Length + (body[(at + separator.Length)..].Length - body[(at + separator.Length)..].TrimStart().Length);
            found = new CredentialSpan(accountStart, accountStart + account.Length, passwordStart, passwordStart + password.Length, 0.8f,
                $"account{Describe(separator)}password line", null);
            return true;
        }

        return false;
    }

    private static bool TryKeyValue(ReadOnlySpan<char> line, Span<char> scratch, out CredentialSpan found)
    {
        found = default;
        Span<char> lower = line.Length <= 512 ? stackalloc char[line.Length] : new char[line.Length];
        line.ToLowerInvariant(lower);
        foreach (var pw in TextPasswordWords)
        {
            var p = ((ReadOnlySpan<char>)lower).IndexOf(pw, StringComparison.Ordinal);
            if (p < 0 || (pw[0] < 0x80 && p > 0 && char.IsAsciiLetter(lower[p - 1])))
            {
                continue;
            }

            var (ps, pe) = ValueAfter(line, p + pw.Length);
            if (ps < 0)
            {
                continue;
            }

            foreach (var aw in TextAccountWords)
            {
                var a = ((ReadOnlySpan<char>)lower[..p]).LastIndexOf(aw, StringComparison.Ordinal);
                if (a < 0 || (aw[0] < 0x80 && a > 0 && char.IsAsciiLetter(lower[a - 1])))
                {
                    continue;
                }

                var (s, e) = ValueAfter(line, a + aw.Length);
                if (s < 0 || e > p)
                {
                    continue;
                }

                var password = line[ps..pe];
                if (Credential.Check(line[s..e], scratch).IsValid && Credential.IsPassword(password))
                {
                    found = new CredentialSpan(s, e, ps, pe, 0.95f, $"account word '{aw}' and password word '{pw}'", pw);
                    return true;
                }
            }
        }

        return false;
    }

    // The value after a key word: optional 号/名, then : ： = or spaces, then up to a space or , ， ; ； |.
    private static (int Start, int End) ValueAfter(ReadOnlySpan<char> line, int at)
    {
        var i = at;
        while (i < line.Length && line[i] is '号' or '名' or '是' or ':' or '：' or '=' or ' ' or '\t')
        {
            i++;
        }

        if (i == at && i < line.Length && char.IsAsciiLetterOrDigit(line[i]))
        {
            // "pwd123" is one word, not the key pwd and the value 123.
            return (-1, -1);
        }

        var start = i;
        while (i < line.Length && line[i] is not (' ' or '\t' or ',' or '，' or ';' or '；' or '|' or '、' or '）' or ')'))
        {
            i++;
        }

        return i > start ? (start, i) : (-1, -1);
    }

    private static string Describe(string separator) => separator switch
    {
        "\t" => " tab ",
        ":" or "：" => ":",
        _ => separator,
    };

    // A QQ number, mobile or e-mail: the accounts combo lists (account:password) are made of.
    private static bool IsStrongAccount(ReadOnlySpan<char> account)
    {
        Span<char> scratch = stackalloc char[Identifier.MaxCanonicalLength];
        return Identifier.Check(IdentifierKind.Email, account, scratch).IsValid || Identifier.Check(IdentifierKind.Mobile, account, scratch).IsValid
            || Identifier.Check(IdentifierKind.Qq, account, scratch).IsValid;
    }

    // A password written without a header to say so: password-shaped, not itself an identifier (a mobile, ID, card or
    // e-mail in the second column is a binding or a 料 line, also with a stray mark glued to it: "13912345678|") and
    // not an amount (199.00).
    private static bool IsBarePassword(ReadOnlySpan<char> password)
    {
        if (!Credential.IsPassword(password))
        {
            return false;
        }

        // Nor does it hold one: a run of 11 or more digits is a mobile, ID or card number next to something else
        // ("13912345678|11010519491231002X" after a tab is a 料 line's tail), and read as a password it would go unmasked.
        // An MD5 or SHA-1 hex digest with letters in it is exempt: about one in ten has such a run by chance, and a
        // 料 tail is no run of hex digits 32 or 40 long.
        var digest = Credential.Shape(password) is PasswordShape.Md5 or PasswordShape.Sha1 && password.ContainsAnyInRange('a', 'f') != password.ContainsAnyInRange('A', 'F');
        var run = 0;
        foreach (var ch in password)
        {
            run = char.IsAsciiDigit(ch) ? run + 1 : 0;
            if (run >= 11 && !digest)
            {
                return false;
            }
        }

        var core = password;
        while (!core.IsEmpty && !char.IsLetterOrDigit(core[0]))
        {
            core = core[1..];
        }

        while (!core.IsEmpty && !char.IsLetterOrDigit(core[^1]))
        {
            core = core[..^1];
        }

        Span<char> scratch = stackalloc char[Identifier.MaxCanonicalLength];
        foreach (var kind in (ReadOnlySpan<IdentifierKind>)[IdentifierKind.Mobile, IdentifierKind.ResidentId, IdentifierKind.Email, IdentifierKind.BankCard])
        {
            if (Identifier.Check(kind, password, scratch).IsValid || Identifier.Check(kind, core, scratch).IsValid)
            {
                return false;
            }
        }

        return !(password.Contains('.') && decimal.TryParse(password, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _))
            && !DateTime.TryParse(password, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
    }

    private static ReadOnlySpan<char> FieldOf(RecordBatch batch, int record, int column)
    {
        for (var f = 0; f < batch.FieldCount(record); f++)
        {
            if (batch.Column(record, f) == column)
            {
                return batch.Field(record, f);
            }
        }

        return default;
    }
}
