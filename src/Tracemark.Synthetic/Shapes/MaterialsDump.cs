using System.Text;
using Tracemark.Identifiers;
using Tracemark.Synthetic.Output;

namespace Tracemark.Synthetic.Shapes;

/// <summary>
/// A broker's "materials" (料) text dump in GB18030: name----phone----ID[----address], one person per line after a
/// banner line, sometimes with | as the separator. Record numbers are line numbers.
/// </summary>
internal sealed class MaterialsDump : LeakShape
{
    public override string Name => "dump";

    public override string FileName => "materials-dump.txt";

    public override string Format => "text";

    public override Encoding Encoding => TextEncodings.Gb18030;

    public override void Write(Stream output, ShapeRun run)
    {
        using var writer = new StreamWriter(output, Encoding, 1 << 16, leaveOpen: true) { NewLine = "\n" };
        writer.WriteLine("# 实时一手料 姓名----手机----身份证----地址 需要的联系");
        var line = new StringBuilder(128);
        for (long i = 0; i < run.Records; i++)
        {
            var r = run.Begin(i, 1, Encoding);
            var separator = r.Rng.Chance(0.1) ? "|" : "----";
            line.Clear();
            line.Append(r.Id(0, IdentifierKind.Name, null)).Append(separator);
            line.Append(r.Id(0, IdentifierKind.Mobile, null)).Append(separator);
            line.Append(r.Id(0, IdentifierKind.ResidentId, null));
            if (r.Rng.Chance(0.4))
            {
                line.Append(separator).Append(r.Id(0, IdentifierKind.Address, null));
            }

            writer.WriteLine(line);
            run.Commit(r, FileName, i + 2);
        }
    }
}
