using System.Text;
using FsCheck.Fluent;
using Tracemark.Cli.Commands;
using Tracemark.Identifiers;
using Tracemark.Reports;
using Tracemark.Synthetic.Credentials;
using Tracemark.Synthetic.Truth;
using Tracemark.Tests;

namespace Tracemark.Cli.Tests;

/// <summary>
/// The writer of synth's per-record truth lines keeps one JSON writer and buffer per thread from line to line (they are
/// synth's biggest output): whatever came before, each line must be exactly ReportJson's one-line form of its record
/// and a newline, and datasets written at once on several threads must not mix.
/// </summary>
public sealed class SynthTruthWriterTests
{
    private static readonly FsCheck.Gen<TruthItem> Items =
        from field in Gen.Elements<string?>(null, "寄件人电话", "phone", "a\"b", "备注\t")
        from kind in Gen.Elements(IdentifierKind.Mobile, IdentifierKind.ResidentId, IdentifierKind.Name, IdentifierKind.Waybill, IdentifierKind.BankCard)
        from value in Gen.Elements("18003163007", "陈立铭", "zh***@sohu.com", "\\", "<&>'+", "１３８")
        from status in Gen.Elements(Enum.GetValues<ItemStatus>())
        from slot in Gen.Choose(-1, 2)
        select new TruthItem(field, kind, value, value + " ", status, slot);

    private static readonly FsCheck.Gen<RecordTruth> Records =
        from source in Gen.Elements("courier-waybills.csv", "loan-applications.xlsx!申请记录2", "chat-log.txt")
        from record in Gen.Choose(1, 1_000_000)
        from persons in Gen.Choose(0, 100_000).ArrayOf()
        from items in Items.ArrayOf()
        select new RecordTruth(source, record, [.. persons.Select(p => (long)p)], items);

    [Fact]
    public void Each_line_is_the_records_report_on_one_line_however_many_lines_came_before() =>
        Properties.Hold(Records.ListOf(), records =>
        {
            using var stream = new MemoryStream();
            foreach (var record in records)
            {
                SynthCommand.WriteRecordTruth(record, stream);
            }

            Assert.Equal(string.Concat(records.Select(Expected)), Encoding.UTF8.GetString(stream.ToArray()));
        });

    [Fact]
    public void Datasets_written_at_once_on_several_threads_keep_their_own_lines()
    {
        // Four datasets of 2,000 records, each different (its own source, record numbers and persons).
        var datasets = Enumerable.Range(0, 4).Select(d => Enumerable.Range(1, 2_000).Select(r => new RecordTruth(
            $"dataset-{d}.csv",
            r,
            [r * 10L, d],
            [new TruthItem(r % 3 == 0 ? null : "电话", IdentifierKind.Mobile, $"1380000{r:D4}", $"138 0000 {r:D4}", (ItemStatus)(r % 4), r % 2)])).ToList()).ToArray();
        var streams = datasets.Select(_ => new MemoryStream()).ToArray();

        Parallel.For(0, datasets.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            foreach (var record in datasets[i])
            {
                SynthCommand.WriteRecordTruth(record, streams[i]);
            }
        });

        for (var i = 0; i < datasets.Length; i++)
        {
            Assert.Equal(string.Concat(datasets[i].Select(Expected)), Encoding.UTF8.GetString(streams[i].ToArray()));
            streams[i].Dispose();
        }
    }

    [Fact]
    public void Every_decoy_kind_synth_credentials_writes_has_its_contract_member_with_the_same_name()
    {
        Assert.Equal(Enum.GetValues<CredentialDecoy>().Length, CredentialDumps.DecoyKinds.Count);
        foreach (var what in CredentialDumps.DecoyKinds)
        {
            var line = ReportJson.SerializeLine(new CredentialTruthReport("orders-hex.txt", 1, CredentialTruthStatus.Decoy, null, null, null, null, null, null, SynthValues.Decoy(what)));
            Assert.Contains($"\"decoy\":\"{what}\"", line, StringComparison.Ordinal);
        }
    }

    // The contract's one-line form, mapped here independently of the writer under test (status by member name).
    private static string Expected(RecordTruth r) =>
        ReportJson.SerializeLine(new RecordTruthReport(
            r.Source,
            r.Record,
            r.Persons,
            [.. r.Items.Select(i => new TruthItemReport(i.Field, i.Kind, i.Value, i.Written, Enum.Parse<TruthItemStatus>(i.Status.ToString()), i.Slot))])) + "\n";
}
