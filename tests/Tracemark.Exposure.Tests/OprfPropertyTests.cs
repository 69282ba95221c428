using FsCheck;
using FsCheck.Fluent;
using Tracemark.Exposure.Crypto;
using Tracemark.Tests;

namespace Tracemark.Exposure.Tests;

/// <summary>Properties of the OPRF beyond the fixed vectors: the protocol agrees with direct evaluation for any input,
/// proofs verify for any batch and fail for any tampering, and element validation accepts exactly canonical points.</summary>
public sealed class OprfPropertyTests
{
    private static readonly Gen<byte[]> Bytes = ArbMap.Default.GeneratorFor<byte[]>();

    private static (byte[] Secret, byte[] Public) Keys(byte[] seed)
    {
        var sk = new byte[32];
        var pk = new byte[32];
        OprfSuite.Voprf.DeriveKeyPair(seed.Length == 0 ? [1] : seed, "test"u8, sk, pk);
        return (sk, pk);
    }

    [Fact]
    public void Blind_evaluate_finalize_equals_direct_evaluation_for_any_input()
    {
        Properties.Hold(Gen.Two(Bytes), t =>
        {
            var (input, seed) = t;
            var (sk, _) = Keys(seed);
            var blind = new byte[32];
            var blinded = new byte[32];
            var evaluated = new byte[32];
            var viaProtocol = new byte[64];
            var direct = new byte[64];
            OprfSuite.Voprf.Blind(input, blind, blinded);
            OprfSuite.Voprf.BlindEvaluate(sk, blinded, evaluated);
            OprfSuite.Voprf.Finalize(input, blind, evaluated, [], viaProtocol);
            OprfSuite.Voprf.Evaluate(sk, input, [], direct);
            return viaProtocol.AsSpan().SequenceEqual(direct);
        }, count: 100);
    }

    [Fact]
    public void Batched_proofs_verify_and_any_flipped_bit_breaks_them()
    {
        var gen = from inputs in Gen.NonEmptyListOf(Bytes).Where(l => l.Count <= 8)
                  from bit in Gen.Choose(0, 511)
                  select (inputs, bit);
        Properties.Hold(gen, t =>
        {
            var (sk, pk) = Keys([7]);
            var n = t.inputs.Count;
            var blinded = new byte[32 * n];
            var blind = new byte[32];
            for (var i = 0; i < n; i++)
            {
                OprfSuite.Voprf.Blind(t.inputs[i], blind, blinded.AsSpan(32 * i, 32));
            }

            var evaluated = new byte[32 * n];
            OprfSuite.Voprf.BlindEvaluate(sk, blinded, evaluated);
            var proof = new byte[64];
            OprfSuite.Voprf.GenerateProof(sk, OprfSuite.Generator, pk, blinded, evaluated, proof);
            var good = OprfSuite.Voprf.VerifyProof(OprfSuite.Generator, pk, blinded, evaluated, proof);
            proof[t.bit / 8] ^= (byte)(1 << (t.bit % 8));
            var tampered = OprfSuite.Voprf.VerifyProof(OprfSuite.Generator, pk, blinded, evaluated, proof);
            return good && !tampered;
        }, count: 60);
    }

    [Fact]
    public void A_proof_does_not_verify_under_another_key()
    {
        var (sk, _) = Keys([1]);
        var (_, otherPk) = Keys([2]);
        var blind = new byte[32];
        var blinded = new byte[32];
        OprfSuite.Voprf.Blind("mobile:13800138000"u8, blind, blinded);
        var evaluated = new byte[32];
        OprfSuite.Voprf.BlindEvaluate(sk, blinded, evaluated);
        var proof = new byte[64];
        OprfSuite.Voprf.GenerateProof(sk, OprfSuite.Generator, Keys([1]).Public, blinded, evaluated, proof);
        Assert.True(OprfSuite.Voprf.VerifyProof(OprfSuite.Generator, Keys([1]).Public, blinded, evaluated, proof));
        Assert.False(OprfSuite.Voprf.VerifyProof(OprfSuite.Generator, otherPk, blinded, evaluated, proof));
    }

    [Fact]
    public void Element_validation_accepts_canonical_points_and_nothing_else()
    {
        // Valid: any multiple of the generator. Invalid: the identity, wrong lengths, and (almost all) random strings —
        // a random 32-byte string decodes to a ristretto255 point with probability about 1/8 at most.
        Properties.Hold(Bytes, seed => OprfSuite.IsValidElement(Keys(seed).Public), count: 100);

        Assert.False(OprfSuite.IsValidElement(new byte[32]));
        Assert.False(OprfSuite.IsValidElement(new byte[31]));
        Assert.False(OprfSuite.IsValidElement(Enumerable.Repeat((byte)0xff, 32).ToArray()));
        var random = new Random(5);
        var accepted = 0;
        var buffer = new byte[32];
        for (var i = 0; i < 4000; i++)
        {
            random.NextBytes(buffer);
            accepted += OprfSuite.IsValidElement(buffer) ? 1 : 0;
        }

        Assert.InRange(accepted, 1, 4000 / 8 + 100);
    }

    [Fact]
    public void Non_canonical_proof_scalars_are_rejected()
    {
        var (sk, pk) = Keys([3]);
        var blind = new byte[32];
        var blinded = new byte[32];
        OprfSuite.Voprf.Blind("cn_id:11010519491231002X"u8, blind, blinded);
        var evaluated = new byte[32];
        OprfSuite.Voprf.BlindEvaluate(sk, blinded, evaluated);
        var proof = new byte[64];
        OprfSuite.Voprf.GenerateProof(sk, OprfSuite.Generator, pk, blinded, evaluated, proof);

        // s + L is the same scalar modulo L but not its canonical encoding: must not verify.
        ReadOnlySpan<byte> order = [0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10];
        var carry = 0;
        for (var i = 0; i < 32; i++)
        {
            var sum = proof[32 + i] + order[i] + carry;
            proof[32 + i] = (byte)sum;
            carry = sum >> 8;
        }

        Assert.False(OprfSuite.Voprf.VerifyProof(OprfSuite.Generator, pk, blinded, evaluated, proof));
    }
}
