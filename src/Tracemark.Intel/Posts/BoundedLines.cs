using System.Text;

namespace Tracemark.Intel.Posts;

/// <summary>
/// Lines of a text, each cut at <see cref="MaxChars"/> (the rest of an over-long line is skipped, not buffered):
/// a hostile "chat export" that is one 2 GB line cannot take the memory with it.
/// </summary>
internal static class BoundedLines
{
    public const int MaxChars = 1 << 20;

    public static IEnumerable<(string Line, bool Cut)> Read(TextReader reader)
    {
        var sb = new StringBuilder();
        var buffer = new char[1 << 14];
        var cut = false;
        int n;
        while ((n = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            var from = 0;
            int at;
            while ((at = buffer.AsSpan(from, n - from).IndexOf('\n')) >= 0)
            {
                var i = from + at;
                Append(sb, buffer.AsSpan(from, i - from), ref cut);
                var line = sb.ToString();
                yield return (line.EndsWith('\r') ? line[..^1] : line, cut);
                sb.Clear();
                cut = false;
                from = i + 1;
            }

            Append(sb, buffer.AsSpan(from, n - from), ref cut);
        }

        // The last line, when the text does not end with a newline.
        if (sb.Length > 0)
        {
            var last = sb.ToString();
            yield return (last.EndsWith('\r') ? last[..^1] : last, cut);
        }
    }

    private static void Append(StringBuilder sb, ReadOnlySpan<char> text, ref bool cut)
    {
        var room = MaxChars - sb.Length;
        if (text.Length > room)
        {
            cut = true;
            text = text[..Math.Max(0, room)];
        }

        sb.Append(text);
    }
}
