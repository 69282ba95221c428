using Tracemark.Identifiers.Text;

namespace Tracemark.Identifiers.Kinds;

/// <summary>How a leaked password is written: in clear, or as a hash of a known shape (never the password itself).</summary>
public enum PasswordShape : byte
{
    /// <summary>Written in clear.</summary>
    Plain,
    /// <summary>32 hexadecimal digits: an unsalted MD5 (the common 洗号 dump hash).</summary>
    Md5,
    /// <summary>40 hexadecimal digits: SHA-1.</summary>
    Sha1,
    /// <summary>A bcrypt string ($2a$/$2b$/$2y$, cost, 53 characters of salt and hash).</summary>
    Bcrypt,
    /// <summary>Another hash: SHA-2 hex (56, 64, 96, 128 digits) or a crypt(3) string ($1$, $5$, $6$, $argon2…).</summary>
    OtherHash,
}

/// <summary>
/// An account credential (账号----密码): an account — QQ number, mobile, e-mail, or a game or WeChat account name —
/// with its password. The canonical form of the kind is the <b>normalised account</b>; the password never becomes
/// part of any value Tracemark prints or stores: only its <see cref="PasswordShape"/>, and the keyed tag (store) or
/// OPRF output (exposure index) of <see cref="Pair"/>, which a checker with the same account and password recomputes.
/// </summary>
public static class Credential
{
    /// <summary>Longest password read (longer values are not passwords but text or data).</summary>
    public const int MaxPasswordLength = 128;

    /// <summary>Shortest password read (shorter values are status words, flags or nothing).</summary>
    public const int MinPasswordLength = 4;

    /// <summary>Longest account name that is not an e-mail address.</summary>
    public const int MaxAccountLength = 32;

    /// <summary>
    /// Normalises an account: an e-mail address in lower case; a mobile number as its 11 digits (+86 dropped); a QQ
    /// number as its digits; an account name (letters, digits, <c>_ - .</c>, 4–32 characters, a letter among them,
    /// not a bare hash) in lower case — WeChat IDs and most game accounts ignore case.
    /// </summary>
    public static Verdict Check(ReadOnlySpan<char> raw, Span<char> canonical)
    {
        const IdentifierKind kind = IdentifierKind.Credential;
        if (raw.Trim().IsEmpty)
        {
            return Verdict.Fail(kind, Problem.Empty);
        }

        foreach (var strong in (ReadOnlySpan<IdentifierKind>)[IdentifierKind.Email, IdentifierKind.Mobile, IdentifierKind.Qq])
        {
            var v = Identifier.Check(strong, raw, canonical);
            if (v.IsValid)
            {
                return Verdict.Valid(kind, v.Length);
            }
        }

        Span<char> buf = stackalloc char[MaxAccountLength + 2];
        var prepared = Prepare.Folded(kind, raw.Trim(), buf, Strip.None, out var s);
        if (prepared.Problem != Problem.None)
        {
            return prepared;
        }

        if (s.Length is < 4 or > MaxAccountLength)
        {
            return Verdict.Fail(kind, Problem.Length, s.Length);
        }

        var letters = 0;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c is >= 'A' and <= 'Z')
            {
                c = (char)(c + 32);
            }

            if (c is >= 'a' and <= 'z')
            {
                letters++;
            }
            else if (!Ascii.IsDigit(c) && c is not ('_' or '-' or '.'))
            {
                return Verdict.Fail(kind, Problem.Character, i + 1, c);
            }

            canonical[i] = c;
        }

        // A hash or hex order number alone is not an account name (2f6a…): account names are chosen by people.
        if (letters == 0 || IsHex(s, out _) || s[0] is '_' or '-' or '.')
        {
            return Verdict.Fail(kind, Problem.Shape);
        }

        return Verdict.Valid(kind, s.Length);
    }

    /// <summary>
    /// True when <paramref name="password"/> can be a leaked password: 4–128 printable ASCII characters without
    /// spaces. Words (正常, 已冻结), empty fields and long text are not.
    /// </summary>
    public static bool IsPassword(ReadOnlySpan<char> password)
    {
        if (password.Length is < MinPasswordLength or > MaxPasswordLength)
        {
            return false;
        }

        foreach (var c in password)
        {
            if (c is <= ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The shape of a password as written.</summary>
    public static PasswordShape Shape(ReadOnlySpan<char> password)
    {
        if (password.Length == 60 && password.StartsWith("$2") && password[3] == '$' && password[6] == '$')
        {
            return PasswordShape.Bcrypt;
        }

        if (IsHex(password, out var mixed) && !mixed)
        {
            switch (password.Length)
            {
                case 32:
                    return PasswordShape.Md5;
                case 40:
                    return PasswordShape.Sha1;
                case 56 or 64 or 96 or 128:
                    return PasswordShape.OtherHash;
                default:
                    break;
            }
        }

        return password.Length >= 20 && (password.StartsWith("$1$") || password.StartsWith("$5$") || password.StartsWith("$6$")
            || password.StartsWith("$argon2") || password.StartsWith("$pbkdf2") || password.StartsWith("{SSHA}") || password.StartsWith("{SHA}"))
            ? PasswordShape.OtherHash
            : PasswordShape.Plain;
    }

    /// <summary>The stable code of a shape, as findings write it: plain, md5, sha1, bcrypt, hash.</summary>
    public static string Code(this PasswordShape shape) => shape switch
    {
        PasswordShape.Md5 => "md5",
        PasswordShape.Sha1 => "sha1",
        PasswordShape.Bcrypt => "bcrypt",
        PasswordShape.OtherHash => "hash",
        _ => "plain",
    };

    /// <summary>
    /// The (normalised account, password) pair as the store tags it and the exposure index evaluates it: the
    /// canonical account, a line feed (which neither contains), the password exactly as written. Null when the
    /// account is not valid or the password is not one.
    /// </summary>
    public static string? Pair(ReadOnlySpan<char> account, ReadOnlySpan<char> password)
    {
        Span<char> canonical = stackalloc char[Identifier.MaxCanonicalLength];
        var v = Check(account, canonical);
        password = password.Trim();
        return v.IsValid && IsPassword(password) ? string.Concat(canonical[..v.Length], "\n", password) : null;
    }

    // Hexadecimal digits only; mixed: both upper- and lower-case letters (hash dumps use one case).
    private static bool IsHex(ReadOnlySpan<char> s, out bool mixed)
    {
        bool upper = false, lower = false;
        foreach (var c in s)
        {
            if (c is >= 'a' and <= 'f')
            {
                lower = true;
            }
            else if (c is >= 'A' and <= 'F')
            {
                upper = true;
            }
            else if (!Ascii.IsDigit(c))
            {
                mixed = false;
                return false;
            }
        }

        mixed = upper && lower;
        return s.Length >= 16;
    }
}
