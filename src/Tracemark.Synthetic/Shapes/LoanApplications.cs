using System.Globalization;
using System.Text;
using Tracemark.Identifiers;
using Tracemark.Synthetic.Output;

namespace Tracemark.Synthetic.Shapes;

/// <summary>
/// A loan platform's back end ("台子") export: XLSX with an applications sheet (ID, mobile, card, remarks such as
/// 有资金需求 that mark victims for loan fraud) and a payouts sheet for every third applicant. Serial numbers pass Luhn.
/// </summary>
internal sealed class LoanApplications(int rowsPerSheet = XlsxWriter.MaxRows - 1) : LeakShape
{
    private const string Applications = "申请记录";
    private const string Payouts = "放款记录";
    private static readonly string[] Remarks = ["有资金需求", "急用钱", "有资金需求 可做", "征信花", "有房有车", "公积金客户", "已放款", "逾期", string.Empty, string.Empty];
    private static readonly string[] Channels = ["抖音", "短信", "朋友圈", "APP", "电销"];
    private static readonly string[] ApplicationHeaders = ["序号", "姓名", "身份证号", "手机号", "银行卡号", "开户行", "申请金额", "申请时间", "备注", "流水号", "渠道"];
    private static readonly string[] PayoutHeaders = ["借款人", "联系电话", "放款金额", "放款时间", "交易流水号"];

    public override string Name => "loan";

    public override string FileName => "loan-applications.xlsx";

    public override string Format => "xlsx";

    public override Encoding Encoding => TextEncodings.Utf8;

    public override void Write(Stream output, ShapeRun run)
    {
        using var xlsx = new XlsxWriter(output);
        var cells = new string?[ApplicationHeaders.Length];
        WriteSheet(xlsx, run, Applications, ApplicationHeaders, run.Records, 0, (r, i) =>
        {
            ref var rng = ref r.Rng;
            cells[0] = (i + 1).ToString(CultureInfo.InvariantCulture);
            cells[1] = r.Id(0, IdentifierKind.Name, ApplicationHeaders[1]);
            cells[2] = r.Id(0, IdentifierKind.ResidentId, ApplicationHeaders[2]);
            cells[3] = r.Id(0, IdentifierKind.Mobile, ApplicationHeaders[3]);
            cells[4] = r.Id(0, IdentifierKind.BankCard, ApplicationHeaders[4]);
            cells[5] = r.Persons[0].BankName;
            cells[6] = (rng.Next(1, 100) * 1000).ToString(CultureInfo.InvariantCulture);
            cells[7] = Noise.Time(ref rng, 2024, 2025);
            cells[8] = Remarks[rng.Next(Remarks.Length)];
            cells[9] = r.Decoy(ApplicationHeaders[9], Decoys.CardShaped(ref rng));
            cells[10] = Channels[rng.Next(Channels.Length)];
            return cells;
        });

        // Payouts: every third applicant again (same person), as a separate sheet.
        var payoutCells = new string?[PayoutHeaders.Length];
        WriteSheet(xlsx, run, Payouts, PayoutHeaders, run.Records / 3, 1, (r, _) =>
        {
            ref var rng = ref r.Rng;
            payoutCells[0] = r.Id(0, IdentifierKind.Name, PayoutHeaders[0]);
            payoutCells[1] = r.Id(0, IdentifierKind.Mobile, PayoutHeaders[1]);
            payoutCells[2] = (rng.Next(1, 50) * 1000).ToString(CultureInfo.InvariantCulture);
            payoutCells[3] = Noise.Time(ref rng, 2024, 2025);
            payoutCells[4] = r.Decoy(PayoutHeaders[4], Decoys.CardShaped(ref rng));
            return payoutCells;
        });
    }

    private void WriteSheet(XlsxWriter xlsx, ShapeRun run, string name, string[] headers, long records, int sheetIndex, Func<RecordContext, long, string?[]> fill)
    {
        var sheetName = name;
        var part = 1;
        long rowInSheet = 0;
        xlsx.StartSheet(sheetName);
        xlsx.WriteRow(headers);
        for (long i = 0; i < records; i++)
        {
            if (rowInSheet == rowsPerSheet)
            {
                // Excel's row limit: continue on a numbered sheet, as real exports do.
                sheetName = $"{name}{++part}";
                xlsx.StartSheet(sheetName);
                xlsx.WriteRow(headers);
                rowInSheet = 0;
            }

            // The payout sheet's i-th row is applicant 3i: the same person as that application.
            var record = sheetIndex == 0
                ? run.Begin(i, 1, Encoding)
                : run.Begin(run.Records + i, 1, Encoding, samePersonAs: i * 3);
            xlsx.WriteRow(fill(record, i));
            rowInSheet++;
            run.Commit(record, $"{FileName}!{sheetName}", rowInSheet);
        }
    }
}
