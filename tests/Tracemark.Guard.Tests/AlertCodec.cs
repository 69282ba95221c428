using Tracemark.Reports;

namespace Tracemark.Guard.Tests;

// The CLI's codec is internal to the CLI; this one writes the same Reports record with the same time format
// (GuardAlertTime), so the ledger and webhook tests read back what production writes.
internal sealed class AlertCodec : IGuardAlertCodec
{
    public static AlertCodec Instance { get; } = new();

    public string Write(GuardAlert alert) => ReportJson.SerializeLine(new GuardAlertReport(
        alert.Channel, GuardAlertTime.Text(alert.From), GuardAlertTime.Text(alert.To), GuardAlertTime.Text(alert.FirstAlert), alert.Score, alert.Kind, alert.Evidence));

    public GuardAlert Read(string json)
    {
        var r = ReportJson.ReadLine<GuardAlertReport>(json);
        return new(r.Channel, GuardAlertTime.Parse(r.From), GuardAlertTime.Parse(r.To), GuardAlertTime.Parse(r.FirstAlert), r.Score, r.Kind, r.Evidence);
    }
}
