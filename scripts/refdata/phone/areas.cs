// Builds src/Tracemark.Identifiers/Data/area-codes.tsv: China's landline area codes with the lengths and first
// digits of their local numbers, read from the fixed-line metadata that libphonenumber (Google's, here the C# port
// libphonenumber-csharp 9.0.43) carries for region CN, and the city each code serves from its offline geocoder.
// Run from the repository root:  dotnet run scripts/refdata/phone/areas.cs
// The metadata is a regular expression per number type; rather than parse it, every candidate area code (10,
// 20–29, 300–999) is tried with local numbers of 7 and 8 digits starting 2–9 and a few different tails.
#:package libphonenumber-csharp
#:property TreatWarningsAsErrors=false
#:property AnalysisLevel=none
#:property EnforceCodeStyleInBuild=false
using System.Globalization;
using System.Text;
using PhoneNumbers;

var util = PhoneNumberUtil.GetInstance();
var geocoder = PhoneNumberOfflineGeocoder.GetInstance();
var areas = new List<string> { "10" };
areas.AddRange(Enumerable.Range(20, 10).Select(a => a.ToString(CultureInfo.InvariantCulture)));
areas.AddRange(Enumerable.Range(300, 700).Select(a => a.ToString(CultureInfo.InvariantCulture)));
string[] tails = ["2345678", "0000000", "9999999", "5555555", "1357913"];
var rows = new List<string>();
foreach (var area in areas)
{
    foreach (var length in new[] { 7, 8 })
    {
        var first = new StringBuilder();
        string? city = null;
        for (var d = '2'; d <= '9'; d++)
        {
            foreach (var tail in tails)
            {
                var number = util.Parse(area + d + tail[..(length - 1)], "CN");
                var type = util.GetNumberType(number);
                if (util.IsValidNumberForRegion(number, "CN") && type is PhoneNumberType.FIXED_LINE or PhoneNumberType.FIXED_LINE_OR_MOBILE)
                {
                    first.Append(d);
                    city ??= geocoder.GetDescriptionForNumber(number, Locale.SimplifiedChinese);
                    break;
                }
            }
        }

        if (first.Length > 0)
        {
            rows.Add($"0{area}\t{length}\t{first}\t{city}");
        }
    }
}

var output = Path.Combine("src", "Tracemark.Identifiers", "Data", "area-codes.tsv");
File.WriteAllText(output, "area_code\tlocal_length\tfirst_digits\tcity\n" + string.Join('\n', rows) + "\n");
Console.WriteLine($"{output}: {rows.Count} rows, {rows.Select(r => r.Split('\t')[0]).Distinct().Count()} area codes");
