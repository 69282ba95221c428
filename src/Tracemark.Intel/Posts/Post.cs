namespace Tracemark.Intel.Posts;

/// <summary>The input formats <c>tracemark intel</c> reads.</summary>
public enum PostFormat
{
    /// <summary>Decide from the extension and the first bytes.</summary>
    Auto,

    /// <summary>Telegram Desktop's JSON export (result.json).</summary>
    Telegram,

    /// <summary>QQ's text chat export ("2021-01-30 11:00:00 昵称(QQ号)" headers).</summary>
    Qq,

    /// <summary>JSON Lines: {"time","author","channel","text"} per line.</summary>
    JsonLines,

    /// <summary>Plain text, one post per line.</summary>
    Plain,

    /// <summary>WeChat chat exports by MemoTrace (留痕): its CSV (localId,TalkerId,Type,…,Sender) or its TXT layout.</summary>
    WeChat,
}

/// <summary>
/// One post or chat message. <see cref="Number"/> is 1-based within its source: the message's place in a Telegram
/// export's messages array, the message's place in a QQ export, the line number in JSON Lines and plain text.
/// In a Telegram export of several chats the number runs on through all chats, so it stays unique in the file;
/// <see cref="ChatId"/> and <see cref="MessageId"/> name the message as Telegram does.
/// <see cref="Account"/> identifies the author across posts: "telegram:user123", "qq:123456", "forum:channel/name";
/// posts without an author (plain text) get one of their own.
/// </summary>
internal sealed record Post(string Source, long Number, DateTimeOffset? Time, string Author, string Account, string? Channel, string Text)
{
    /// <summary>Telegram: the chat's id (a full export holds several chats).</summary>
    public string? ChatId { get; init; }

    /// <summary>Telegram: the message's id within its chat.</summary>
    public long? MessageId { get; init; }
}

/// <summary>Something wrong in an input, with where it was: the rest of the input is still read.</summary>
public sealed record IntelProblem(string Source, string Where, string Message);
