using System.Text;
using FsCheck.Fluent;
using Tracemark.People;
using Tracemark.Tests;
using static Tracemark.Identifiers.Tests.Checks;

namespace Tracemark.Identifiers.Tests;

/// <summary>Identifiers written in GBK, GB18030 or UTF-16 and read back keep their canonical values.</summary>
public sealed class EncodingRoundTripTests
{
    static EncodingRoundTripTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static readonly Population People = new(seed: 23, size: 1_000_000);

    public static TheoryData<int> CodePages => new() { 936, 54936, 1200, 1201 };

    [Theory]
    [MemberData(nameof(CodePages))]
    public void Values_survive_a_round_trip(int codePage)
    {
        var encoding = Encoding.GetEncoding(codePage);
        Properties.Hold(Gen.Choose(0, 999_999), i =>
        {
            var p = People.Get(i);
            foreach (var (kind, value) in new[]
                     {
                         (IdentifierKind.ResidentId, p.ResidentId), (IdentifierKind.Mobile, p.Mobile), (IdentifierKind.BankCard, p.BankCard),
                         (IdentifierKind.Email, p.Email), (IdentifierKind.Name, p.Name),
                     })
            {
                // Full-width forms too: GBK encodes them as double-byte characters that must decode back.
                foreach (var written in new[] { value, Kinds.ResidentIdTests.ToFullWidth(value) })
                {
                    var decoded = encoding.GetString(encoding.GetBytes(written));
                    Assert.Equal(written, decoded);
                    Assert.Equal(Canonical(kind, value), Canonical(kind, decoded));
                }
            }
        }, count: 200);
    }
}
