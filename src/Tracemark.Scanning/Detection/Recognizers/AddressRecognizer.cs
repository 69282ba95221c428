using Tracemark.Identifiers;
using Tracemark.Identifiers.Reference;

namespace Tracemark.Scanning.Detection.Recognizers;

/// <summary>
/// Addresses in free text: after an address word (地址, 住址, 收货地址 …), or starting at a token boundary with a
/// region name (广东省…, 深圳市…, 南山区…). The address runs to the next space or separator and must validate
/// (region names plus street, number, building or room parts).
/// </summary>
internal static class AddressRecognizer
{
    /// <summary>The recognizer's name in explanations.</summary>
    public const string Name = "AddressRecognizer";

    public const float WithContext = 0.95f;

    public const float RegionStart = 0.8f;

    /// <summary>Words before an address (地址, 收货地址 …): the kind's context words.</summary>
    public static readonly string[] Before = [.. KindSpecs.For(IdentifierKind.Address).Context];

    /// <summary>Where an address starting at <paramref name="start"/> ends: the next white space or separator.</summary>
    public static int End(ReadOnlySpan<char> text, int start)
    {
        var i = start;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is ' ' or '\t' or ',' or '，' or ';' or '；' or '|' or '、' or '。' or '"' or '\'' or '\r' or '\n')
            {
                break;
            }

            if (c == '-' && i + 1 < text.Length && text[i + 1] == '-')
            {
                break;
            }

            i++;
        }

        return i;
    }

    /// <summary>True when some region name starts with <paramref name="c"/> (a cheap filter before dictionary probes).</summary>
    public static bool CouldStartRegion(char c) => RegionNames.IsFirstCharacter(c);

    /// <summary>True when a region name (full or short, two characters or more) starts <paramref name="text"/>.</summary>
    public static bool StartsWithRegion(ReadOnlySpan<char> text) => RegionNames.StartsWithName(text, out _);
}
