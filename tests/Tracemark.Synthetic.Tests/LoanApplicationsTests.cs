using ExcelDataReader;
using Tracemark.People;
using Tracemark.Synthetic.Shapes;
using Tracemark.Synthetic.Truth;
using Tracemark.Tests;

namespace Tracemark.Synthetic.Tests;

public sealed class LoanApplicationsTests
{
    [Fact]
    public void Sheets_continue_on_numbered_sheets_past_the_row_limit()
    {
        // Excel's limit is 1,048,576 rows; the same rollover is exercised here at 50 data rows per sheet.
        using var temp = new TempDir("loan");
        var dir = temp.Path;
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, "loan.xlsx");
        var truth = new List<RecordTruth>();
        using (var output = File.Create(file))
        {
            var run = new ShapeRun(new Population(1, 500), 1, 1, 120, 0.1, truth.Add, new PersonTally(500), null);
            new LoanApplications(rowsPerSheet: 50).Write(output, run);
        }

        var rows = new Dictionary<string, int>();
        using (var stream = File.OpenRead(file))
        using (var reader = ExcelReaderFactory.CreateReader(stream))
        {
            do
            {
                rows[reader.Name] = reader.RowCount - 1;
            }
            while (reader.NextResult());
        }

        Assert.Equal(new Dictionary<string, int> { ["申请记录"] = 50, ["申请记录2"] = 50, ["申请记录3"] = 20, ["放款记录"] = 40 }, rows);
        var sources = truth.Select(t => t.Source).Distinct();
        Assert.Equal(["loan-applications.xlsx!申请记录", "loan-applications.xlsx!申请记录2", "loan-applications.xlsx!申请记录3", "loan-applications.xlsx!放款记录"], sources);
    }
}
