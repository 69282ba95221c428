using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Tracemark.Exposure.Crypto;

/// <summary>expand_message_xmd with SHA-512 (RFC 9380 §5.3.1), the hash-to-field step of RFC 9497's ristretto255 suite.</summary>
internal static class ExpandMessage
{
    private const int HashBytes = 64;   // b_in_bytes of SHA-512
    private const int BlockBytes = 128; // s_in_bytes of SHA-512

    private static readonly byte[] OversizePrefix = Encoding.ASCII.GetBytes("H2C-OVERSIZE-DST-");

    /// <summary>Writes <c>output.Length</c> uniform bytes (at most 255 × 64) derived from <paramref name="message"/>
    /// under the domain separation tag <paramref name="dst"/>.</summary>
    public static void Xmd(ReadOnlySpan<byte> message, ReadOnlySpan<byte> dst, Span<byte> output)
    {
        var length = output.Length;
        var ell = (length + HashBytes - 1) / HashBytes;
        if (ell > 255 || length > ushort.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(output), "expand_message_xmd: at most 255 blocks");
        }

        if (dst.Length > 255)
        {
            // RFC 9380 §5.3.3: a long tag is replaced by its hash.
            dst = SHA512.HashData([.. OversizePrefix, .. dst]);
        }

        // msg_prime = Z_pad || msg || I2OSP(len, 2) || 0x00 || DST || I2OSP(len(DST), 1)
        var primeLength = BlockBytes + message.Length + 3 + dst.Length + 1;
        var rented = primeLength > 512 ? ArrayPool<byte>.Shared.Rent(primeLength) : null;
        var prime = rented is null ? stackalloc byte[primeLength] : rented.AsSpan(0, primeLength);
        try
        {
            prime[..BlockBytes].Clear();
            message.CopyTo(prime[BlockBytes..]);
            var at = BlockBytes + message.Length;
            prime[at++] = (byte)(length >> 8);
            prime[at++] = (byte)length;
            prime[at++] = 0;
            dst.CopyTo(prime[at..]);
            prime[at + dst.Length] = (byte)dst.Length;

            Span<byte> b0 = stackalloc byte[HashBytes];
            SHA512.HashData(prime, b0);

            // b_i = H(strxor(b_0, b_(i-1)) || I2OSP(i, 1) || DST_prime), with b_1 = H(b_0 || 0x01 || DST_prime).
            Span<byte> block = stackalloc byte[HashBytes + 1 + dst.Length + 1];
            Span<byte> previous = stackalloc byte[HashBytes];
            dst.CopyTo(block[(HashBytes + 1)..]);
            block[^1] = (byte)dst.Length;
            for (var i = 1; i <= ell; i++)
            {
                for (var j = 0; j < HashBytes; j++)
                {
                    block[j] = i == 1 ? b0[j] : (byte)(b0[j] ^ previous[j]);
                }

                block[HashBytes] = (byte)i;
                SHA512.HashData(block, previous);
                var offset = (i - 1) * HashBytes;
                previous[..Math.Min(HashBytes, length - offset)].CopyTo(output[offset..]);
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
