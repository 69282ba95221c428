using Tracemark.Exposure.Crypto;

namespace Tracemark.Exposure;

/// <summary>
/// The server side of the exposure check: one epoch's key evaluating blinded elements, with the batched DLEQ proof
/// that lets clients verify it was that key (RFC 9497 VOPRF, ristretto255-SHA512). The seed and the scalar stay
/// inside; a server only hands over blinded bytes and gets evaluated bytes back.
/// </summary>
public sealed class ExposureEvaluator
{
    /// <summary>Bytes of one serialized ristretto255 element (blinded or evaluated).</summary>
    public const int ElementBytes = OprfSuite.ElementBytes;

    /// <summary>Bytes of a serialized proof.</summary>
    public const int ProofBytes = OprfSuite.ProofBytes;

    private readonly KeyPair _key;

    private ExposureEvaluator(KeyPair key) => _key = key;

    /// <summary>The epoch's public key, base64 (as the index's config publishes it).</summary>
    public string PublicKey => Convert.ToBase64String(_key.Public);

    /// <summary>
    /// The evaluator of <paramref name="epoch"/> from the key file (null: $TRACEMARK_EXPOSURE_KEY, else exposure.key in
    /// Tracemark's data folder); an <see cref="ExposureException"/> when there is no key file there.
    /// </summary>
    public static ExposureEvaluator Open(string? keyFile, int epoch) =>
        new(ExposureKey.Open(keyFile ?? ExposureKey.DefaultPath(), create: false).ForEpoch(epoch));

    /// <summary>
    /// Evaluates the concatenated elements of <paramref name="blinded"/> into <paramref name="evaluated"/> (the same
    /// length) and proves it into <paramref name="proof"/> (<see cref="ProofBytes"/>). False, with the index of the
    /// first bad element, when one is not a canonical ristretto255 element or is the identity.
    /// </summary>
    public bool TryEvaluate(ReadOnlySpan<byte> blinded, Span<byte> evaluated, Span<byte> proof, out int badElement)
    {
        if (blinded.Length == 0 || blinded.Length % ElementBytes != 0 || evaluated.Length < blinded.Length || proof.Length < ProofBytes)
        {
            throw new ArgumentException("blinded must be whole elements, evaluated as long, proof ProofBytes long");
        }

        evaluated = evaluated[..blinded.Length];

        // Element by element so that a bad one is named. The multiplication itself refuses what DeserializeElement
        // would (a non-canonical encoding; the identity, as k · P is the identity only for P = 0 in a prime-order
        // group), so elements are not decoded twice: that check alone was 2 % of a request.
        for (var i = 0; i < blinded.Length / ElementBytes; i++)
        {
            try
            {
                OprfSuite.Voprf.BlindEvaluate(_key.Secret, blinded.Slice(i * ElementBytes, ElementBytes), evaluated.Slice(i * ElementBytes, ElementBytes));
            }
            catch (OprfException)
            {
                badElement = i;
                return false;
            }
        }

        OprfSuite.Voprf.GenerateProof(_key.Secret, OprfSuite.Generator, _key.Public, blinded, evaluated, proof[..ProofBytes]);
        badElement = -1;
        return true;
    }
}
