using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Tracemark.Synthetic.Output;

namespace Tracemark.Synthetic.Posts;

/// <summary>What <see cref="PostFiles.Write"/> wrote.</summary>
public sealed record PostManifest(string Folder, IReadOnlyList<string> Files, int Posts, int Negatives, int Actors, string? Truth);

/// <summary>
/// Writes a synthetic post corpus in the four input formats <c>tracemark intel</c> reads — a Telegram Desktop export
/// (telegram/result.json, with service messages and rich-text mentions), a QQ text export in GB18030 (qq/水果交流群.txt),
/// JSON Lines from a forum crawl (forum.jsonl) and plain text, one post per line (plain.txt) — and truth.jsonl, the
/// labels of every post keyed by (source, post).
/// </summary>
public static class PostFiles
{
    public const string TelegramFile = "telegram/result.json";
    public const string QqFile = "qq/水果交流群.txt";
    public const string ForumFile = "forum.jsonl";
    public const string PlainFile = "plain.txt";
    public const string TruthFile = "truth.jsonl";

    private static readonly CultureInfo C = CultureInfo.InvariantCulture;
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    /// <summary>JSON as the forum file is written and truth.jsonl read: snake_case, Chinese kept readable.</summary>
    internal static JsonSerializerOptions TruthJson { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Generates and writes the corpus into <paramref name="folder"/>, streaming: posts go to their files as they are
    /// made, and each post's labels, in order, to <paramref name="writeTruth"/> with the stream of truth.jsonl (the
    /// CLI writes them as its Tracemark.Reports record, which this layer may not reference). Without it no truth.jsonl
    /// is written and the manifest's <see cref="PostManifest.Truth"/> is null.
    /// </summary>
    public static PostManifest Write(string folder, PostOptions options, Action<PostTruth, Stream>? writeTruth = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Directory.CreateDirectory(Path.Combine(folder, "telegram"));
        Directory.CreateDirectory(Path.Combine(folder, "qq"));
        using var truth = writeTruth is null ? null : File.Create(Path.Combine(folder, TruthFile));
        using var telegram = new TelegramWriter(Path.Combine(folder, TelegramFile), options.Seed);
        using var qq = new StreamWriter(Path.Combine(folder, QqFile), false, TextEncodings.Gb18030) { NewLine = "\r\n" };
        using var forum = new StreamWriter(Path.Combine(folder, ForumFile), false, TextEncodings.Utf8);
        using var plain = new StreamWriter(Path.Combine(folder, PlainFile), false, TextEncodings.Utf8);
        QqPreamble(qq);
        long qqNumber = 0, forumNumber = 0, plainNumber = 0, count = 0, negatives = 0;
        var actors = new HashSet<string>(StringComparer.Ordinal);
        foreach (var post in PostCorpus.Generate(options))
        {
            var labelled = post.Platform switch
            {
                "telegram" => post.Truth with { Source = TelegramFile, Post = telegram.Add(post) },
                "qq" => post.Truth with { Source = QqFile, Post = QqMessage(qq, post, ++qqNumber) },
                "forum" => post.Truth with { Source = ForumFile, Post = ForumLine(forum, post, ++forumNumber) },
                _ => post.Truth with { Source = PlainFile, Post = PlainLine(plain, post, ++plainNumber) },
            };
            if (truth is not null)
            {
                writeTruth!(labelled, truth);
            }
            count++;
            if (labelled.Negative is null)
            {
                actors.Add(labelled.Actor);
            }
            else
            {
                negatives++;
            }
        }

        return new PostManifest(folder, [TelegramFile, QqFile, ForumFile, PlainFile], (int)count, (int)negatives, actors.Count, truth is null ? null : TruthFile);
    }

    /// <summary>Reads truth.jsonl back (an input here: whoever wrote it, the wire names are snake_case).</summary>
    public static IReadOnlyList<PostTruth> ReadTruth(string folder) =>
        [.. File.ReadLines(Path.Combine(folder, TruthFile)).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<PostTruth>(l, TruthJson)!)];

    /// <summary>The Telegram export, written message by message: {"name", "type", "id", "messages": [...]}.</summary>
    private sealed class TelegramWriter : IDisposable
    {
        private readonly FileStream _stream;
        private readonly Utf8JsonWriter _json;
        private long _number;

        public TelegramWriter(string path, long seed)
        {
            _stream = File.Create(path);
            _json = new Utf8JsonWriter(_stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            _json.WriteStartObject();
            _json.WriteString("name", "数据资源交流");
            _json.WriteString("type", "public_supergroup");
            _json.WriteNumber("id", 1_700_000_000 + (seed % 1000));
            _json.WriteStartArray("messages");
        }

        /// <summary>Writes the post (now and then after a service message) and returns its message number.</summary>
        public long Add(SynthPost post)
        {
            var json = _json;

            // Now and then a service message (someone joined): it takes a message number but is not a post.
            if (_number % 17 == 5)
            {
                _number++;
                json.WriteStartObject();
                json.WriteNumber("id", 10_000 + _number);
                json.WriteString("type", "service");
                json.WriteString("date", post.Time.ToString("yyyy-MM-dd'T'HH:mm:ss", C));
                json.WriteString("actor", "新成员");
                json.WriteString("actor_id", "user" + (900_000 + _number).ToString(C));
                json.WriteString("action", "join_group_by_link");
                json.WriteString("text", string.Empty);
                json.WriteEndObject();
            }

            _number++;
            json.WriteStartObject();
            json.WriteNumber("id", 10_000 + _number);
            json.WriteString("type", "message");
            json.WriteString("date", post.Time.ToString("yyyy-MM-dd'T'HH:mm:ss", C));
            json.WriteString("date_unixtime", new DateTimeOffset(post.Time, China).ToUnixTimeSeconds().ToString(C));
            json.WriteString("from", post.Account!.Display);
            json.WriteString("from_id", post.Account.Id);
            WriteTelegramText(json, post.Text);
            json.WriteEndObject();
            if (json.BytesPending > 1 << 16)
            {
                json.Flush();
            }

            return _number;
        }

        public void Dispose()
        {
            _json.WriteEndArray();
            _json.WriteEndObject();
            _json.Dispose();
            _stream.Dispose();
        }
    }

    private static void QqPreamble(StreamWriter writer)
    {
        // QQ on Chinese Windows exports in the ANSI code page: GB18030 here, CRLF lines.
        writer.WriteLine("消息记录（此消息记录为文本格式，不支持重新导入）");
        writer.WriteLine();
        writer.WriteLine(new string('=', 64));
        writer.WriteLine("消息分组:我的QQ群");
        writer.WriteLine(new string('=', 64));
        writer.WriteLine("消息对象:水果交流群");
        writer.WriteLine(new string('=', 64));
        writer.WriteLine();
    }

    private static long QqMessage(StreamWriter writer, SynthPost post, long number)
    {
        writer.WriteLine($"{post.Time.ToString("yyyy-MM-dd HH:mm:ss", C)} {post.Account!.Display}({post.Account.Id})");
        foreach (var line in post.Text.Split('\n'))
        {
            writer.WriteLine(line);
        }

        writer.WriteLine();
        return number;
    }

    private static long ForumLine(StreamWriter writer, SynthPost post, long number)
    {
        var line = new
        {
            time = new DateTimeOffset(post.Time, China).ToString("yyyy-MM-dd'T'HH:mm:sszzz", C),
            author = post.Account!.Display,
            channel = "暗网论坛/数据交易区",
            text = post.Text,
        };
        writer.WriteLine(JsonSerializer.Serialize(line, TruthJson));
        return number;
    }

    private static long PlainLine(StreamWriter writer, SynthPost post, long number)
    {
        writer.WriteLine(post.Text.Replace("\n", " / ", StringComparison.Ordinal).Trim(' ', '/'));
        return number;
    }

    /// <summary>Telegram writes text with entities (mentions, links) as an array of strings and objects.</summary>
    private static void WriteTelegramText(Utf8JsonWriter json, string text)
    {
        var at = FindEntity(text, out var length, out var type);
        var pieces = new List<(string Type, string Text)>();
        if (at < 0)
        {
            pieces.Add(("plain", text));
            json.WriteString("text", text);
        }
        else
        {
            pieces.Add(("plain", text[..at]));
            pieces.Add((type, text.Substring(at, length)));
            pieces.Add(("plain", text[(at + length)..]));
            json.WriteStartArray("text");
            foreach (var (t, s) in pieces)
            {
                if (t == "plain")
                {
                    json.WriteStringValue(s);
                }
                else
                {
                    json.WriteStartObject();
                    json.WriteString("type", t);
                    json.WriteString("text", s);
                    json.WriteEndObject();
                }
            }

            json.WriteEndArray();
        }

        json.WriteStartArray("text_entities");
        foreach (var (t, s) in pieces)
        {
            json.WriteStartObject();
            json.WriteString("type", t);
            json.WriteString("text", s);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static int FindEntity(string text, out int length, out string type)
    {
        var link = text.IndexOf("t.me/", StringComparison.Ordinal);
        var mention = text.IndexOf('@', StringComparison.Ordinal);
        if (mention > 0 && (char.IsAsciiLetterOrDigit(text[mention - 1]) || text[mention - 1] == '.'))
        {
            mention = -1; // an e-mail address, not a mention
        }

        var at = link >= 0 ? link : mention;
        type = link >= 0 ? "link" : "mention";
        length = 0;
        if (at < 0)
        {
            return -1;
        }

        var end = at + (link >= 0 ? 5 : 1);
        while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_'))
        {
            end++;
        }

        length = end - at;
        return at;
    }
}
