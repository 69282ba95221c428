using System.Text;
using Tracemark.Identifiers;
using Tracemark.Synthetic.Output;

namespace Tracemark.Synthetic.Shapes;

/// <summary>
/// A trading group's chat log (UTF-8): "[time] nick: message" lines where identifiers sit inside sentences, often
/// glued to Chinese words (手机13812345678), among chatter and messages quoting order numbers or serials with the
/// words that say what they are. Record numbers are line numbers.
/// </summary>
internal sealed class ChatLog : LeakShape
{
    private static readonly string[] Nicks = ["老王", "料商阿杰", "水果批发", "小李", "一手资源", "数据中介", "Tony", "收料的"];
    private static readonly string[] Chatter = ["在吗", "价格多少", "还有吗 要实时的", "这批是隔夜的", "收到", "先测试一下", "免测 直接拿", "今天出多少", "要学生料的私聊"];

    public override string Name => "chat";

    public override string FileName => "chat-log.txt";

    public override string Format => "text";

    public override Encoding Encoding => TextEncodings.Utf8;

    public override void Write(Stream output, ShapeRun run)
    {
        using var writer = new StreamWriter(output, Encoding, 1 << 16, leaveOpen: true) { NewLine = "\n" };
        var text = new StringBuilder(160);
        for (long i = 0; i < run.Records; i++)
        {
            var r = run.Begin(i, 1, Encoding);
            ref var rng = ref r.Rng;
            text.Clear();
            text.Append('[').Append(Noise.Time(ref rng, 2025, 2025)).Append("] ").Append(Nicks[rng.Next(Nicks.Length)]).Append(": ");
            Message(r, text);
            writer.WriteLine(text);
            run.Commit(r, FileName, i + 1);
        }
    }

    private static void Message(RecordContext r, StringBuilder t)
    {
        ref var rng = ref r.Rng;
        switch (rng.Next(9))
        {
            case 0:
                t.Append("出新鲜一手快递料 客户").Append(r.Id(0, IdentifierKind.Name, null)).Append(" 手机").Append(r.Id(0, IdentifierKind.Mobile, null))
                    .Append(" 身份证").Append(r.Id(0, IdentifierKind.ResidentId, null)).Append(" 地址:").Append(r.Id(0, IdentifierKind.Address, null));
                break;
            case 1:
                t.Append(r.Id(0, IdentifierKind.Name, null)).Append(' ').Append(r.Id(0, IdentifierKind.Mobile, null)).Append(" 有资金需求 急用");
                break;
            case 2:
                t.Append("测试数据：户名").Append(r.Id(0, IdentifierKind.Name, null)).Append("，电话：").Append(r.Id(0, IdentifierKind.Mobile, null))
                    .Append("，卡号").Append(r.Id(0, IdentifierKind.BankCard, null));
                break;
            case 3:
                t.Append("老板要的 客户").Append(r.Id(0, IdentifierKind.Name, null)).Append(" 身份证号码是").Append(r.Id(0, IdentifierKind.ResidentId, null))
                    .Append("，QQ:").Append(r.Id(0, IdentifierKind.Qq, null));
                break;
            case 4:
                t.Append("联系人").Append(r.Id(0, IdentifierKind.Name, null)).Append(r.Persons[0].Sex == Identifiers.Kinds.Sex.Male ? "先生" : "女士")
                    .Append(" 电话").Append(r.Id(0, IdentifierKind.Mobile, null)).Append(" 邮箱 ").Append(r.Id(0, IdentifierKind.Email, null));
                break;
            case 5:
                t.Append("订单号").Append(r.Decoy(null, Decoys.IdShaped(ref rng))).Append(" 已经发货了");
                break;
            case 6:
                t.Append("交易流水号:").Append(r.Decoy(null, Decoys.CardShaped(ref rng))).Append(" 到账了");
                break;
            default:
                t.Append(Chatter[rng.Next(Chatter.Length)]);
                break;
        }
    }
}
