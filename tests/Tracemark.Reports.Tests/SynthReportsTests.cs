namespace Tracemark.Reports.Tests;

/// <summary>synth's manifest.json as a record: the keys, the null truth of a --no-truth run and kind order it always had.</summary>
public sealed class SynthReportsTests
{
    [Fact]
    public void A_dataset_without_truth_prints_null_and_counts_keep_their_order()
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal) { ["mobile"] = 3, ["id_card"] = 2 };
        var report = new SynthManifestReport(
            "tracemark synth", 7, 400, 0.2, 150, 90, counts,
            [new SynthDatasetReport("a.csv", SynthShape.Courier, TableFormatName.Csv, EncodingName.Gbk, 150, 90, counts, counts, new SortedDictionary<string, long>(), counts, 4, null)]);

        var text = ReportJson.SerializeLine(report);

        Assert.StartsWith("{\"generator\":\"tracemark synth\",\"seed\":7,\"people\":400,\"noise\":0.2,\"records\":150,\"persons\":90,\"distinct\":{\"id_card\":2,\"mobile\":3},", text, StringComparison.Ordinal);
        Assert.Contains("\"masked\":{},", text, StringComparison.Ordinal);
        Assert.EndsWith("\"decoys\":4,\"truth\":null}]}", text, StringComparison.Ordinal);
    }
}
