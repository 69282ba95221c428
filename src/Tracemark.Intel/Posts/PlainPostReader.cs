namespace Tracemark.Intel.Posts;

/// <summary>Plain text: every non-blank line is a post, numbered by its line; no author, so each is its own account.</summary>
internal static class PlainPostReader
{
    public static void Read(string path, StreamReader text, Action<Post> sink)
    {
        using (text)
        {
            long number = 0;
            foreach (var (line, _) in BoundedLines.Read(text))
            {
                number++;
                var content = line.Trim();
                if (content.Length > 0)
                {
                    sink(new Post(path, number, null, string.Empty, $"post:{path}#{number}", null, content));
                }
            }
        }
    }
}
