using Tracemark.Identifiers.Text;

namespace Tracemark.Identifiers.Kinds;

/// <summary>What an e-mail address tells: its provider and, for QQ Mail with a numeric local part, a QQ number.</summary>
public readonly record struct EmailFacts(string Domain, string? Provider, string? QqNumber);

/// <summary>
/// E-mail address, the practical subset of RFC 5322 addr-spec that leaked files contain: a dot-atom local part
/// (no quoted strings or comments, no '*', which marks masked values) of at most 64 characters, and a host name of at least two labels with an
/// alphabetic (or punycode) top-level domain, at most 254 characters in all. Full-width ＠ and letters fold.
/// Canonical form: lower case (providers here treat local parts case-insensitively).
/// </summary>
public static class EmailAddress
{
    /// <summary>Longest address (RFC 5321 path limit minus the angle brackets).</summary>
    public const int MaxLength = 254;

    /// <summary>Folds and validates; writes the lower-cased address to <paramref name="canonical"/> (at least 254 long).</summary>
    public static Verdict Check(ReadOnlySpan<char> raw, Span<char> canonical)
    {
        const IdentifierKind kind = IdentifierKind.Email;
        Span<char> buf = stackalloc char[MaxLength + 2];
        var prepared = Prepare.Folded(kind, raw, buf, Strip.None, out var s);
        if (prepared.Problem != Problem.None)
        {
            return prepared;
        }

        var n = s.Length;
        if (n > MaxLength)
        {
            return Verdict.Fail(kind, Problem.Length, n);
        }

        var at = s.IndexOf('@');
        if (at < 0 || s[(at + 1)..].Contains('@'))
        {
            return Verdict.Fail(kind, Problem.EmailAt);
        }

        if (!IsLocalPart(s[..at]))
        {
            return Verdict.Fail(kind, Problem.EmailLocalPart);
        }

        // RFC 2606 reserves .invalid for names that can never resolve: no one receives mail there (redact's
        // pseudonyms use it so that they are never taken for real addresses).
        if (!IsDomain(s[(at + 1)..]) || s.EndsWith(".invalid", StringComparison.OrdinalIgnoreCase))
        {
            return Verdict.Fail(kind, Problem.EmailDomain);
        }

        for (var i = 0; i < n; i++)
        {
            canonical[i] = char.ToLowerInvariant(s[i]);
        }

        return Verdict.Valid(kind, n);
    }

    /// <summary>Provider of a canonical address.</summary>
    public static EmailFacts Describe(ReadOnlySpan<char> canonical)
    {
        var at = canonical.IndexOf('@');
        var local = canonical[..at];
        var domain = canonical[(at + 1)..].ToString();
        var provider = domain switch
        {
            "qq.com" or "vip.qq.com" or "foxmail.com" => "Tencent QQ Mail",
            "163.com" or "126.com" or "yeah.net" or "vip.163.com" => "NetEase",
            "sina.com" or "sina.cn" or "vip.sina.com" => "Sina",
            "sohu.com" => "Sohu",
            "139.com" => "China Mobile 139",
            "189.cn" => "China Telecom 189",
            "wo.cn" => "China Unicom",
            "aliyun.com" => "Alibaba",
            "gmail.com" => "Google",
            "outlook.com" or "hotmail.com" or "live.com" => "Microsoft",
            _ => null,
        };
        string? qq = null;
        if (domain is "qq.com" or "vip.qq.com" && local.Length is >= 5 and <= 11 && local[0] != '0' && Ascii.AllDigits(local))
        {
            qq = local.ToString();
        }

        return new EmailFacts(domain, provider, qq);
    }

    private static bool IsLocalPart(ReadOnlySpan<char> local)
    {
        if (local.Length is 0 or > 64 || local[0] == '.' || local[^1] == '.')
        {
            return false;
        }

        var previousDot = false;
        foreach (var c in local)
        {
            if (c == '.')
            {
                if (previousDot)
                {
                    return false;
                }

                previousDot = true;
                continue;
            }

            previousDot = false;
            if (!IsAtext(c))
            {
                return false;
            }
        }

        return true;
    }

    // RFC 5322 atext without '*': leaked exports use it as the mask character (zh***@163.com is partial, not an
    // address), and the providers these files come from do not allow it.
    private static bool IsAtext(char c) =>
        char.IsAsciiLetterOrDigit(c) || "!#$%&'+/=?^_`{|}~-".Contains(c);

    private static bool IsDomain(ReadOnlySpan<char> domain)
    {
        if (domain.Length is 0 or > 253)
        {
            return false;
        }

        var labels = 0;
        var lastLabel = ReadOnlySpan<char>.Empty;
        foreach (var range in domain.Split('.'))
        {
            var label = domain[range];
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }

            foreach (var c in label)
            {
                // Internationalized host names are kept as letters; ASCII ones are letters, digits and hyphens.
                if (!(char.IsAsciiLetterOrDigit(c) || c == '-' || (c > 0x7F && char.IsLetterOrDigit(c))))
                {
                    return false;
                }
            }

            labels++;
            lastLabel = label;
        }

        if (labels < 2)
        {
            return false;
        }

        if (lastLabel.StartsWith("xn--", StringComparison.OrdinalIgnoreCase))
        {
            return lastLabel.Length > 4;
        }

        if (lastLabel.Length < 2)
        {
            return false;
        }

        foreach (var c in lastLabel)
        {
            if (!char.IsLetter(c))
            {
                return false;
            }
        }

        return true;
    }
}
