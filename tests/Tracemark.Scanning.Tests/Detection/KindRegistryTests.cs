using Tracemark.Identifiers;
using Tracemark.Scanning.Detection;
using Tracemark.Scanning.Detection.Recognizers;

namespace Tracemark.Scanning.Tests.Detection;

/// <summary>The scanner takes kind knowledge from the registry (KindSpec): these fail when a table creeps back.</summary>
public sealed class KindRegistryTests
{
    [Fact]
    public void Header_rule_ranks_are_unique_so_the_order_is_never_an_accident()
    {
        var ranks = HeaderWords.Ranks.ToList();
        Assert.Equal(ranks.Count, ranks.Distinct().Count());
    }

    [Fact]
    public void Every_kind_header_rule_reaches_its_kind_with_some_word()
    {
        foreach (var spec in KindSpecs.All)
        {
            foreach (var rule in spec.Headers)
            {
                Assert.Contains(rule.Words, w => HeaderWords.Classify(w).Kinds.Contains(spec.Kind));
            }
        }
    }

    [Fact]
    public void Recognizers_take_their_context_words_from_their_kind()
    {
        Recognizer[] recognizers =
        [
            ResidentIdRecognizer.Instance, MobileRecognizer.Instance, LandlineRecognizer.Instance, BankCardRecognizer.Instance,
            EmailRecognizer.Instance, QqRecognizer.Instance, SocialCreditCodeRecognizer.Instance, PassportRecognizer.Instance,
            HomeReturnPermitRecognizer.Instance, HongKongIdRecognizer.Instance, TaiwanIdRecognizer.Instance, VehiclePlateRecognizer.Instance,
            WaybillRecognizer.Instance, HongKongPassportRecognizer.Instance, MacauPassportRecognizer.Instance,
            HkMacauTravelPermitRecognizer.Instance, TaiwanResidentCertificateRecognizer.Instance,
        ];
        foreach (var r in recognizers)
        {
            Assert.Equal(KindSpecs.For(r.Kind).Context, r.Context);
            Assert.Same(r.Context, r.Context);
        }

        Assert.Equal(KindSpecs.For(IdentifierKind.Name).Context, NameRecognizer.Before);
        Assert.Equal(KindSpecs.For(IdentifierKind.Address).Context, AddressRecognizer.Before);
    }

    [Fact]
    public void Evidence_names_what_the_kind_spec_says_was_checked()
    {
        foreach (var spec in KindSpecs.All)
        {
            Assert.Equal(spec.Validation, Validations.For(spec.Kind));
        }
    }

    [Fact]
    public void Only_kinds_that_name_people_count_as_personal()
    {
        Assert.False(Detector.IsPersonal(IdentifierKind.Waybill));
        Assert.False(Detector.IsPersonal(IdentifierKind.SocialCreditCode));
        Assert.True(Detector.IsPersonal(IdentifierKind.Mobile));
        Assert.True(Detector.IsPersonal(IdentifierKind.TaiwanResidentCertificate));
    }
}
