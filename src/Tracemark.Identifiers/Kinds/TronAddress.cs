using System.Security.Cryptography;

namespace Tracemark.Identifiers.Kinds;

/// <summary>
/// A TRON (TRC-20 USDT) address: Base58Check of 0x41 ‖ 20-byte account ‖ the first 4 bytes of SHA-256(SHA-256(those
/// 21 bytes)), which is 34 characters starting with 'T'. Sellers of stolen data ask to be paid in USDT on TRON, so the
/// address links posts by the same seller; the checksum makes a chance match of 34 random characters impossible.
/// </summary>
public static class TronAddress
{
    /// <summary>Length of an address.</summary>
    public const int Length = 34;

    private const string Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private const byte Version = 0x41;

    /// <summary>Whether <paramref name="text"/> is exactly a valid address (alphabet, version byte, checksum).</summary>
    public static bool IsValid(ReadOnlySpan<char> text)
    {
        if (text.Length != Length || text[0] != 'T')
        {
            return false;
        }

        Span<byte> raw = stackalloc byte[25];
        if (!Decode(text, raw))
        {
            return false;
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(raw[..21], hash);
        SHA256.HashData(hash, hash);
        return raw[0] == Version && hash[..4].SequenceEqual(raw[21..]);
    }

    /// <summary>The address of a 20-byte account (for synthetic data).</summary>
    public static string Encode(ReadOnlySpan<byte> account)
    {
        if (account.Length != 20)
        {
            throw new ArgumentException("a TRON account is 20 bytes", nameof(account));
        }

        Span<byte> raw = stackalloc byte[25];
        raw[0] = Version;
        account.CopyTo(raw[1..]);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(raw[..21], hash);
        SHA256.HashData(hash, hash);
        hash[..4].CopyTo(raw[21..]);

        // Base58: repeated division of the big-endian number by 58. 25 bytes never need more than 35 digits.
        Span<byte> number = stackalloc byte[25];
        raw.CopyTo(number);
        Span<char> digits = stackalloc char[40];
        var count = 0;
        var start = 0;
        while (start < number.Length)
        {
            var remainder = 0;
            for (var i = start; i < number.Length; i++)
            {
                var value = (remainder * 256) + number[i];
                number[i] = (byte)(value / 58);
                remainder = value % 58;
            }

            digits[count++] = Alphabet[remainder];
            while (start < number.Length && number[start] == 0)
            {
                start++;
            }
        }

        // Leading zero bytes would be '1's; the version byte 0x41 means there are none.
        digits[..count].Reverse();
        return new string(digits[..count]);
    }

    private static bool Decode(ReadOnlySpan<char> text, Span<byte> raw)
    {
        raw.Clear();
        foreach (var c in text)
        {
            var digit = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (digit < 0)
            {
                return false;
            }

            // raw = raw × 58 + digit, big-endian; overflow past 25 bytes means too large a number.
            var carry = digit;
            for (var i = raw.Length - 1; i >= 0; i--)
            {
                var value = (raw[i] * 58) + carry;
                raw[i] = (byte)value;
                carry = value >> 8;
            }

            if (carry != 0)
            {
                return false;
            }
        }

        return true;
    }
}
