using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Tracemark.Exposure.Crypto;

/// <summary>The three protocol variants of RFC 9497, with the code that enters the context string.</summary>
internal enum OprfMode : byte
{
    /// <summary>Plain OPRF: the client learns F(k, x), nothing proves which k was used.</summary>
    Oprf = 0,

    /// <summary>Verifiable OPRF: each evaluation carries a DLEQ proof against the published public key.</summary>
    Voprf = 1,

    /// <summary>Partially-oblivious: a public info string is mixed into the key.</summary>
    Poprf = 2,
}

/// <summary>Raised when an element, scalar or proof is not acceptable (the RFC's InvalidInputError and friends).</summary>
internal sealed class OprfException(string message) : CryptographicException(message);

/// <summary>
/// RFC 9497 over ristretto255-SHA512 on libsodium. Elements, scalars and proofs are byte spans in the RFC's
/// serialization (32-byte elements, 32-byte little-endian scalars, 64-byte proofs c ‖ s); a batch of elements is
/// one span of 32-byte elements back to back, so a batch costs no allocation.
/// </summary>
internal sealed class OprfSuite
{
    public const string Identifier = "ristretto255-SHA512";
    public const int ElementBytes = 32;
    public const int ScalarBytes = 32;
    public const int ProofBytes = 64;
    public const int OutputBytes = 64;

    private static readonly byte[] FinalizeLabel = Encoding.ASCII.GetBytes("Finalize");
    private static readonly byte[] ChallengeLabel = Encoding.ASCII.GetBytes("Challenge");
    private static readonly byte[] CompositeLabel = Encoding.ASCII.GetBytes("Composite");
    private static readonly byte[] InfoLabel = Encoding.ASCII.GetBytes("Info");

    private readonly byte[] _groupDst;
    private readonly byte[] _scalarDst;
    private readonly byte[] _deriveDst;
    private readonly byte[] _seedDst;

    private OprfSuite(OprfMode mode)
    {
        Mode = mode;
        var context = Encoding.ASCII.GetBytes($"OPRFV1-\0-{Identifier}");
        context[7] = (byte)mode;
        _groupDst = [.. Encoding.ASCII.GetBytes("HashToGroup-"), .. context];
        _scalarDst = [.. Encoding.ASCII.GetBytes("HashToScalar-"), .. context];
        _deriveDst = [.. Encoding.ASCII.GetBytes("DeriveKeyPair"), .. context];
        _seedDst = [.. Encoding.ASCII.GetBytes("Seed-"), .. context];
    }

    public static OprfSuite Oprf { get; } = new(OprfMode.Oprf);

    public static OprfSuite Voprf { get; } = new(OprfMode.Voprf);

    public static OprfSuite Poprf { get; } = new(OprfMode.Poprf);

    public OprfMode Mode { get; }

    public static OprfSuite For(OprfMode mode) => mode switch
    {
        OprfMode.Oprf => Oprf,
        OprfMode.Voprf => Voprf,
        OprfMode.Poprf => Poprf,
        _ => throw new ArgumentOutOfRangeException(nameof(mode)),
    };

    /// <summary>hash_to_ristretto255: 64 uniform bytes through libsodium's one-way map (the RFC 9380 element derivation).</summary>
    public void HashToGroup(ReadOnlySpan<byte> input, Span<byte> element)
    {
        Span<byte> uniform = stackalloc byte[64];
        ExpandMessage.Xmd(input, _groupDst, uniform);
        Sodium.crypto_core_ristretto255_from_hash(element, uniform);
    }

    /// <summary>HashToScalar: 64 uniform bytes reduced modulo the group order (little-endian).</summary>
    public void HashToScalar(ReadOnlySpan<byte> input, Span<byte> scalar) => HashToScalar(input, _scalarDst, scalar);

    private static void HashToScalar(ReadOnlySpan<byte> input, ReadOnlySpan<byte> dst, Span<byte> scalar)
    {
        Span<byte> uniform = stackalloc byte[64];
        ExpandMessage.Xmd(input, dst, uniform);
        Sodium.crypto_core_ristretto255_scalar_reduce(scalar, uniform);
    }

    /// <summary>DeriveKeyPair (RFC 9497 §3.2.1): a key pair from a 32-byte seed and a public info string.</summary>
    public void DeriveKeyPair(ReadOnlySpan<byte> seed, ReadOnlySpan<byte> info, Span<byte> secretKey, Span<byte> publicKey)
    {
        var input = new byte[seed.Length + 2 + info.Length + 1];
        seed.CopyTo(input);
        BinaryPrimitives.WriteUInt16BigEndian(input.AsSpan(seed.Length), checked((ushort)info.Length));
        info.CopyTo(input.AsSpan(seed.Length + 2));
        for (var counter = 0; counter <= 255; counter++)
        {
            input[^1] = (byte)counter;
            HashToScalar(input, _deriveDst, secretKey);
            if (!IsZero(secretKey))
            {
                ScalarMultGen(secretKey, publicKey);
                return;
            }
        }

        throw new OprfException("DeriveKeyPair: no non-zero key after 256 tries");
    }

    /// <summary>Blind: picks a random blind unless one is given (tests), and blinds the input's element.</summary>
    public void Blind(ReadOnlySpan<byte> input, Span<byte> blind, Span<byte> blindedElement, bool randomBlind = true)
    {
        if (randomBlind)
        {
            RandomScalar(blind);
        }

        Span<byte> element = stackalloc byte[ElementBytes];
        HashToGroup(input, element);
        RejectIdentity(element);
        ScalarMult(blind, element, blindedElement);
    }

    /// <summary>BlindEvaluate for OPRF and VOPRF: k · B for each blinded element of the batch.</summary>
    public void BlindEvaluate(ReadOnlySpan<byte> secretKey, ReadOnlySpan<byte> blindedElements, Span<byte> evaluatedElements)
    {
        if (Mode == OprfMode.Poprf)
        {
            throw new InvalidOperationException("POPRF evaluates with PoprfBlindEvaluate");
        }

        Multiply(secretKey, blindedElements, evaluatedElements);
    }

    private static void Multiply(ReadOnlySpan<byte> secretKey, ReadOnlySpan<byte> blindedElements, Span<byte> evaluatedElements)
    {
        for (var i = 0; i < blindedElements.Length / ElementBytes; i++)
        {
            ScalarMult(secretKey, Element(blindedElements, i), evaluatedElements.Slice(i * ElementBytes, ElementBytes));
        }
    }

    /// <summary>POPRF BlindEvaluate: (k + m)⁻¹ · B with m = HashToScalar("Info" ‖ info); writes the tweaked key's
    /// secret <paramref name="tweak"/> (t = k + m) for the proof.</summary>
    public void PoprfBlindEvaluate(ReadOnlySpan<byte> secretKey, ReadOnlySpan<byte> blindedElements, ReadOnlySpan<byte> info, Span<byte> evaluatedElements, Span<byte> tweak)
    {
        Span<byte> m = stackalloc byte[ScalarBytes];
        InfoScalar(info, m);
        Sodium.crypto_core_ristretto255_scalar_add(tweak, secretKey, m);
        Span<byte> inverse = stackalloc byte[ScalarBytes];
        if (Sodium.crypto_core_ristretto255_scalar_invert(inverse, tweak) != 0)
        {
            throw new OprfException("the info string makes the tweaked key zero");
        }

        Multiply(inverse, blindedElements, evaluatedElements);
    }

    /// <summary>POPRF's client-side tweaked key: G · HashToScalar("Info" ‖ info) + pkS.</summary>
    public void TweakedKey(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> info, Span<byte> tweakedKey)
    {
        Span<byte> m = stackalloc byte[ScalarBytes];
        InfoScalar(info, m);
        Span<byte> t = stackalloc byte[ElementBytes];
        ScalarMultGen(m, t);
        if (Sodium.crypto_core_ristretto255_add(tweakedKey, t, publicKey) != 0 || IsZero(tweakedKey))
        {
            throw new OprfException("the tweaked key is not a valid element");
        }
    }

    /// <summary>Finalize: unblinds and hashes; <paramref name="info"/> only in POPRF mode.</summary>
    public void Finalize(ReadOnlySpan<byte> input, ReadOnlySpan<byte> blind, ReadOnlySpan<byte> evaluatedElement, ReadOnlySpan<byte> info, Span<byte> output)
    {
        Span<byte> inverse = stackalloc byte[ScalarBytes];
        if (Sodium.crypto_core_ristretto255_scalar_invert(inverse, blind) != 0)
        {
            throw new OprfException("the blind is zero");
        }

        Span<byte> unblinded = stackalloc byte[ElementBytes];
        ScalarMult(inverse, evaluatedElement, unblinded);
        FinalHash(input, info, unblinded, output);
    }

    /// <summary>Evaluate: the server computes F(k, input) directly (the exposure index is built this way).</summary>
    public void Evaluate(ReadOnlySpan<byte> secretKey, ReadOnlySpan<byte> input, ReadOnlySpan<byte> info, Span<byte> output)
    {
        Span<byte> element = stackalloc byte[ElementBytes];
        HashToGroup(input, element);
        RejectIdentity(element);
        Span<byte> evaluated = stackalloc byte[ElementBytes];
        if (Mode == OprfMode.Poprf)
        {
            Span<byte> tweak = stackalloc byte[ScalarBytes];
            PoprfBlindEvaluate(secretKey, element, info, evaluated, tweak);
        }
        else
        {
            ScalarMult(secretKey, element, evaluated);
        }

        FinalHash(input, info, evaluated, output);
    }

    /// <summary>GenerateProof (RFC 9497 §2.2.1) that log_A(B) = log_C[i](D[i]) for every i, using the fast
    /// composite (Z = k · M). <paramref name="random"/> is r; null draws a fresh one.</summary>
    public void GenerateProof(ReadOnlySpan<byte> k, ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> c, ReadOnlySpan<byte> d, Span<byte> proof, ReadOnlySpan<byte> random = default)
    {
        Span<byte> m = stackalloc byte[ElementBytes];
        Span<byte> z = stackalloc byte[ElementBytes];
        Composites(b, c, d, m, z, k);

        Span<byte> r = stackalloc byte[ScalarBytes];
        if (random.IsEmpty)
        {
            RandomScalar(r);
        }
        else
        {
            random.CopyTo(r);
        }

        Span<byte> t2 = stackalloc byte[ElementBytes];
        Span<byte> t3 = stackalloc byte[ElementBytes];
        MultiplyAny(r, a, t2);
        ScalarMult(r, m, t3);
        var challenge = proof[..ScalarBytes];
        Challenge(b, m, z, t2, t3, challenge);

        // s = r - c · k
        Span<byte> ck = stackalloc byte[ScalarBytes];
        Sodium.crypto_core_ristretto255_scalar_mul(ck, challenge, k);
        Sodium.crypto_core_ristretto255_scalar_sub(proof[ScalarBytes..], r, ck);
        Sodium.sodium_memzero(r, ScalarBytes);
    }

    /// <summary>VerifyProof (RFC 9497 §2.2.2).</summary>
    public bool VerifyProof(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> c, ReadOnlySpan<byte> d, ReadOnlySpan<byte> proof)
    {
        if (proof.Length != ProofBytes || c.Length != d.Length || c.Length == 0 || c.Length % ElementBytes != 0 || !IsCanonicalScalar(proof[..ScalarBytes]) || !IsCanonicalScalar(proof[ScalarBytes..]))
        {
            return false;
        }

        try
        {
            Span<byte> m = stackalloc byte[ElementBytes];
            Span<byte> z = stackalloc byte[ElementBytes];
            Composites(b, c, d, m, z, default);
            var challenge = proof[..ScalarBytes];
            var s = proof[ScalarBytes..];

            // t2 = s · A + c · B; t3 = s · M + c · Z
            Span<byte> t2 = stackalloc byte[ElementBytes];
            Span<byte> t3 = stackalloc byte[ElementBytes];
            Combine(s, a, challenge, b, t2);
            Combine(s, m, challenge, z, t3);
            Span<byte> expected = stackalloc byte[ScalarBytes];
            Challenge(b, m, z, t2, t3, expected);
            return Sodium.sodium_memcmp(expected, challenge, ScalarBytes) == 0;
        }
        catch (OprfException)
        {
            return false;
        }
    }

    /// <summary>The group's generator in serialized form.</summary>
    public static ReadOnlySpan<byte> Generator =>
    [
        0xe2, 0xf2, 0xae, 0x0a, 0x6a, 0xbc, 0x4e, 0x71, 0xa8, 0x84, 0xa9, 0x61, 0xc5, 0x00, 0x51, 0x5f,
        0x58, 0xe3, 0x0b, 0x6a, 0xa5, 0x82, 0xdd, 0x8d, 0xb6, 0xa6, 0x59, 0x45, 0xe0, 0x8d, 0x2d, 0x76,
    ];

    /// <summary>DeserializeElement's check: canonical encoding of a point that is not the identity.</summary>
    public static bool IsValidElement(ReadOnlySpan<byte> element) =>
        element.Length == ElementBytes && !IsZero(element) && Sodium.crypto_core_ristretto255_is_valid_point(element) == 1;

    public static void RandomScalar(Span<byte> scalar)
    {
        do
        {
            Sodium.crypto_core_ristretto255_scalar_random(scalar);
        }
        while (IsZero(scalar));
    }

    public static void ScalarMultGen(ReadOnlySpan<byte> scalar, Span<byte> element)
    {
        if (Sodium.crypto_scalarmult_ristretto255_base(element, scalar) != 0)
        {
            throw new OprfException("scalar multiplication of the generator by zero");
        }
    }

    /// <summary>scalar · element; fails on a non-canonical element or an identity result.</summary>
    public static void ScalarMult(ReadOnlySpan<byte> scalar, ReadOnlySpan<byte> element, Span<byte> result)
    {
        if (Sodium.crypto_scalarmult_ristretto255(result, scalar, element) != 0)
        {
            throw new OprfException("not a valid ristretto255 element (or the product is the identity)");
        }
    }

    private static ReadOnlySpan<byte> Element(ReadOnlySpan<byte> elements, int i) => elements.Slice(i * ElementBytes, ElementBytes);

    private static bool IsZero(ReadOnlySpan<byte> bytes) => Sodium.sodium_is_zero(bytes, (nuint)bytes.Length) == 1;

    private static void RejectIdentity(ReadOnlySpan<byte> element)
    {
        if (IsZero(element))
        {
            throw new OprfException("the input maps to the identity element");
        }
    }

    /// <summary>A scalar is canonical when it is below the group order: reducing it changes nothing.</summary>
    private static bool IsCanonicalScalar(ReadOnlySpan<byte> scalar)
    {
        Span<byte> wide = stackalloc byte[64];
        scalar.CopyTo(wide);
        Span<byte> reduced = stackalloc byte[ScalarBytes];
        Sodium.crypto_core_ristretto255_scalar_reduce(reduced, wide);
        return reduced.SequenceEqual(scalar);
    }

    private void InfoScalar(ReadOnlySpan<byte> info, Span<byte> m)
    {
        Span<byte> framed = stackalloc byte[InfoLabel.Length + 2 + info.Length];
        InfoLabel.CopyTo(framed);
        BinaryPrimitives.WriteUInt16BigEndian(framed[InfoLabel.Length..], checked((ushort)info.Length));
        info.CopyTo(framed[(InfoLabel.Length + 2)..]);
        HashToScalar(framed, m);
    }

    /// <summary>Hash(len ‖ input [‖ len ‖ info] ‖ len ‖ element ‖ "Finalize").</summary>
    private void FinalHash(ReadOnlySpan<byte> input, ReadOnlySpan<byte> info, ReadOnlySpan<byte> element, Span<byte> output)
    {
        var withInfo = Mode == OprfMode.Poprf;
        var length = 2 + input.Length + (withInfo ? 2 + info.Length : 0) + 2 + ElementBytes + FinalizeLabel.Length;
        var buffer = length <= 1024 ? stackalloc byte[length] : new byte[length];
        var at = Framed(buffer, 0, input);
        if (withInfo)
        {
            at = Framed(buffer, at, info);
        }

        at = Framed(buffer, at, element);
        FinalizeLabel.CopyTo(buffer[at..]);
        SHA512.HashData(buffer, output);
    }

    private static int Framed(Span<byte> buffer, int at, ReadOnlySpan<byte> part)
    {
        BinaryPrimitives.WriteUInt16BigEndian(buffer[at..], checked((ushort)part.Length));
        part.CopyTo(buffer[(at + 2)..]);
        return at + 2 + part.Length;
    }

    /// <summary>ComputeComposites: M = Σ dᵢ · Cᵢ and Z = Σ dᵢ · Dᵢ, or Z = k · M when the prover's k is given.</summary>
    private void Composites(ReadOnlySpan<byte> b, ReadOnlySpan<byte> c, ReadOnlySpan<byte> d, Span<byte> m, Span<byte> z, ReadOnlySpan<byte> k)
    {
        Span<byte> seed = stackalloc byte[64];
        Span<byte> seedTranscript = stackalloc byte[2 + ElementBytes + 2 + _seedDst.Length];
        var at = Framed(seedTranscript, 0, b);
        Framed(seedTranscript, at, _seedDst);
        SHA512.HashData(seedTranscript, seed);

        Span<byte> transcript = stackalloc byte[2 + 64 + 2 + 2 + ElementBytes + 2 + ElementBytes + CompositeLabel.Length];
        Span<byte> di = stackalloc byte[ScalarBytes];
        Span<byte> term = stackalloc byte[ElementBytes];
        var count = c.Length / ElementBytes;
        for (var i = 0; i < count; i++)
        {
            at = Framed(transcript, 0, seed);
            BinaryPrimitives.WriteUInt16BigEndian(transcript[at..], checked((ushort)i));
            at = Framed(transcript, at + 2, Element(c, i));
            at = Framed(transcript, at, Element(d, i));
            CompositeLabel.CopyTo(transcript[at..]);
            HashToScalar(transcript, di);

            Accumulate(di, Element(c, i), m, term, i == 0);
            if (k.IsEmpty)
            {
                Accumulate(di, Element(d, i), z, term, i == 0);
            }
        }

        if (!k.IsEmpty)
        {
            ScalarMult(k, m, z);
        }
    }

    private static void Accumulate(ReadOnlySpan<byte> scalar, ReadOnlySpan<byte> element, Span<byte> sum, Span<byte> term, bool first)
    {
        if (first)
        {
            ScalarMult(scalar, element, sum);
            return;
        }

        ScalarMult(scalar, element, term);
        Span<byte> next = stackalloc byte[ElementBytes];
        Sodium.crypto_core_ristretto255_add(next, sum, term);
        next.CopyTo(sum);
    }

    /// <summary>scalar · element, by the (three times faster) fixed-base routine when the element is the generator.</summary>
    private static void MultiplyAny(ReadOnlySpan<byte> scalar, ReadOnlySpan<byte> element, Span<byte> result)
    {
        if (element.SequenceEqual(Generator))
        {
            ScalarMultGen(scalar, result);
        }
        else
        {
            ScalarMult(scalar, element, result);
        }
    }

    /// <summary>x · P + y · Q.</summary>
    private static void Combine(ReadOnlySpan<byte> x, ReadOnlySpan<byte> p, ReadOnlySpan<byte> y, ReadOnlySpan<byte> q, Span<byte> result)
    {
        Span<byte> xp = stackalloc byte[ElementBytes];
        Span<byte> yq = stackalloc byte[ElementBytes];
        MultiplyAny(x, p, xp);
        ScalarMult(y, q, yq);
        if (Sodium.crypto_core_ristretto255_add(result, xp, yq) != 0)
        {
            throw new OprfException("not a valid ristretto255 element");
        }
    }

    private void Challenge(ReadOnlySpan<byte> b, ReadOnlySpan<byte> m, ReadOnlySpan<byte> z, ReadOnlySpan<byte> t2, ReadOnlySpan<byte> t3, Span<byte> challenge)
    {
        Span<byte> transcript = stackalloc byte[(5 * (2 + ElementBytes)) + ChallengeLabel.Length];
        var at = Framed(transcript, 0, b);
        at = Framed(transcript, at, m);
        at = Framed(transcript, at, z);
        at = Framed(transcript, at, t2);
        at = Framed(transcript, at, t3);
        ChallengeLabel.CopyTo(transcript[at..]);
        HashToScalar(transcript, challenge);
    }
}
