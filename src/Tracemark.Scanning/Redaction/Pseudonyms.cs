using System.Security.Cryptography;
using System.Text;
using Tracemark.Identifiers;

namespace Tracemark.Scanning.Redaction;

/// <summary>
/// Consistent pseudonyms under a key: HMAC-SHA256(key, kind ‖ 0 ‖ canonical value) chooses the replacement, so the
/// same value gets the same pseudonym in every file redacted with that key (records can still be joined), and
/// without the key nothing leads back. A pseudonym keeps the value's shape where that cannot be mistaken for a real
/// identifier: mobiles start with 10 (never allocated to mobiles), resident IDs with the region 000000 (none exists),
/// QQ numbers with 0, e-mail addresses end in the reserved .invalid domain (RFC 2606), names read 匿名 + letters,
/// addresses become a marked 〔address-…〕 (a region name alone is a valid address). Every pseudonym is checked against every validator that
/// needs no context; one that still passes is drawn again, and after 32 draws a marked form 〔kind-…〕 is used.
/// </summary>
internal sealed class Pseudonyms(byte[] key)
{
    private const string Letters = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private readonly char[] _canonical = new char[Identifier.MaxCanonicalLength];

    public string For(IdentifierKind kind, string canonical)
    {
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(kind.Code() + "\0" + canonical), mac);
        var first = Convert.ToHexStringLower(mac[..5]);
        Span<byte> previous = stackalloc byte[32];
        for (var draw = 0; draw < 32; draw++)
        {
            var p = Shape(kind, canonical, mac);
            if (!PassesAnyValidator(p))
            {
                return p;
            }

            // The next draw: the MAC of the last one, so the sequence is as keyed and as fixed as the first.
            mac.CopyTo(previous);
            HMACSHA256.HashData(key, previous, mac);
        }

        return $"〔{kind.Code()}-{first}〕";
    }

    private static string Shape(IdentifierKind kind, string value, ReadOnlySpan<byte> mac)
    {
        var stream = new Draw(mac);
        switch (kind)
        {
            case IdentifierKind.Mobile:
                return "10" + stream.Digits(9);
            case IdentifierKind.ResidentId:
                return "000000" + stream.Digits(11) + (stream.Next(11) == 10 ? "X" : stream.Digits(1));
            case IdentifierKind.Qq:
                return "0" + stream.Digits(Math.Max(4, value.Length - 1));
            case IdentifierKind.Email:
                // Letters only: a hex local part read as free text could hold an ID-shaped token (b2770623 → B277062(3)).
                return "anon-" + stream.Letters(10).ToLowerInvariant() + "@redacted.invalid";
            case IdentifierKind.Name:
                return "匿名" + stream.Letters(3);
            case IdentifierKind.Address:
                // A region name alone is a valid (county-level) address: an address gets the marked form directly.
                return "〔address-" + stream.Hex(10) + "〕";
            default:
                {
                    // Same shape: digits for digits, letters for letters (case kept), other characters as they are.
                    var chars = value.ToCharArray();
                    for (var i = 0; i < chars.Length; i++)
                    {
                        if (char.IsAsciiDigit(chars[i]))
                        {
                            chars[i] = (char)('0' + stream.Next(10));
                        }
                        else if (char.IsAsciiLetter(chars[i]))
                        {
                            var l = Letters[stream.Next(Letters.Length)];
                            chars[i] = char.IsAsciiLetterLower(chars[i]) ? char.ToLowerInvariant(l) : l;
                        }
                    }

                    // A plate keeps no province: 〇 is none.
                    if (kind == IdentifierKind.VehiclePlate && chars.Length > 0)
                    {
                        chars[0] = '〇';
                    }

                    return new string(chars);
                }
        }
    }

    // Every validator (a QQ number needs context or a column, but its pseudonym starts with 0, which no QQ number does).
    private bool PassesAnyValidator(string text)
    {
        foreach (var k in IdentifierKinds.All)
        {
            // A credential's value is an account, which any QQ- or name-shaped text is; its pseudonym stands in for a
            // password, which no identifier check can recognise.
            if (k.IsMasked() || k is IdentifierKind.Credential)
            {
                continue;
            }

            if (k is IdentifierKind.Qq && text.Length > 0 && text[0] == '0')
            {
                continue;
            }

            if (k is not IdentifierKind.Qq && Identifier.Check(k, text, _canonical).IsValid)
            {
                return true;
            }
        }

        return false;
    }

    // Reads small numbers from the MAC (32 bytes give more than any shape needs; it wraps around if not).
    private ref struct Draw(ReadOnlySpan<byte> bytes)
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;
        private int _at;

        public int Next(int n) => _bytes[_at++ % _bytes.Length] % n;

        public string Digits(int n)
        {
            Span<char> c = stackalloc char[n];
            for (var i = 0; i < n; i++)
            {
                c[i] = (char)('0' + Next(10));
            }

            return new string(c);
        }

        public string Letters(int n)
        {
            Span<char> c = stackalloc char[n];
            for (var i = 0; i < n; i++)
            {
                c[i] = Pseudonyms.Letters[Next(Pseudonyms.Letters.Length)];
            }

            return new string(c);
        }

        public string Hex(int n)
        {
            Span<char> c = stackalloc char[n];
            for (var i = 0; i < n; i++)
            {
                c[i] = "0123456789abcdef"[Next(16)];
            }

            return new string(c);
        }
    }
}
