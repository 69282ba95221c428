using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Tracemark.Intel.Posts;

/// <summary>
/// Telegram Desktop's JSON export, streamed: the messages array (of a single chat's result.json, or of every chat in a
/// full export) is walked with a resumable <see cref="Utf8JsonReader"/> over a sliding buffer, and each message object
/// is parsed on its own once it is whole. Service messages (joins, pins) count in the numbering but are not posts.
/// A broken export stops at the break with a message naming the byte and the last message read.
/// </summary>
internal static class TelegramExportReader
{
    /// <summary>A message bigger than this is not a chat message: the export is refused at that point.</summary>
    private const int MaxMessageBytes = 16 << 20;

    /// <summary>Reads the export in <paramref name="input"/> (UTF-8; closed when done); <paramref name="path"/> names it in posts and problems.</summary>
    public static void Read(string path, Stream input, Action<Post> sink, Action<IntelProblem> problems)
    {
        using var stream = input;
        var buffer = new byte[1 << 16];
        var length = 0;
        var start = 0;
        long bufferOffset = 0;
        var final = false;
        var state = new JsonReaderState(new JsonReaderOptions { MaxDepth = 256 });
        var messagesDepth = -1;
        long number = 0;
        string? lastProperty = null;
        string? channel = null;
        string? chatId = null;
        length = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        final = length < buffer.Length;
        if (length >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF)
        {
            start = 3;
        }

        var sawMessages = false;
        while (true)
        {
            var reader = new Utf8JsonReader(buffer.AsSpan(start, length - start), final, state);
            var needMore = false;
            try
            {
                while (true)
                {
                    var saved = reader.CurrentState;
                    var savedAt = reader.BytesConsumed;
                    if (!reader.Read())
                    {
                        state = reader.CurrentState;
                        start += (int)reader.BytesConsumed;
                        needMore = !final;
                        break;
                    }

                    if (messagesDepth >= 0 && reader.TokenType == JsonTokenType.StartObject && reader.CurrentDepth == messagesDepth + 1)
                    {
                        var begin = (int)reader.TokenStartIndex;
                        if (!reader.TrySkip())
                        {
                            // Not all of it is in the buffer yet: go back to before the object and read more.
                            state = saved;
                            start += (int)savedAt;
                            needMore = true;
                            break;
                        }

                        number++;
                        Emit(path, buffer.AsSpan(start + begin, (int)reader.BytesConsumed - begin), number, channel, chatId, sink, problems);
                        continue;
                    }

                    switch (reader.TokenType)
                    {
                        case JsonTokenType.PropertyName:
                            // Compared in place: a property name with invalid UTF-8 cannot be turned into a string.
                            lastProperty = reader.ValueTextEquals("messages"u8) ? "messages" : reader.ValueTextEquals("name"u8) ? "name" : reader.ValueTextEquals("id"u8) ? "id" : null;
                            continue;
                        case JsonTokenType.StartArray when lastProperty == "messages":
                            // Numbering runs on through every chat of a full export: post numbers stay unique in the file.
                            messagesDepth = reader.CurrentDepth;
                            sawMessages = true;
                            break;
                        case JsonTokenType.Number when lastProperty == "id" && messagesDepth < 0:
                            chatId = reader.TryGetInt64(out var chat) ? chat.ToString(CultureInfo.InvariantCulture) : null;
                            break;
                        case JsonTokenType.EndArray when reader.CurrentDepth == messagesDepth:
                            messagesDepth = -1;
                            break;
                        case JsonTokenType.String when lastProperty == "name" && messagesDepth < 0:
                            channel = TryString(ref reader) ?? channel;
                            break;
                        case JsonTokenType.StartObject when messagesDepth < 0:
                            // A new chat object (or any other): its id and name come with it.
                            chatId = null;
                            break;
                    }

                    lastProperty = null;
                }
            }
            catch (JsonException e)
            {
                var why = PostSource.JsonReason(e);
                var what = final && e.Message.Contains("end of data", StringComparison.Ordinal) ? "the export ends in the middle (truncated?)" : $"the export is broken here ({why})";
                problems(new IntelProblem(path, $"byte {bufferOffset + start + reader.BytesConsumed:N0} (after message {number:N0})", $"{what}; the {number:N0} messages before it were read"));
                return;
            }

            if (!needMore)
            {
                if (reader.CurrentDepth > 0)
                {
                    problems(new IntelProblem(path, $"byte {bufferOffset + length:N0} (after message {number:N0})", $"the export ends in the middle (truncated?); the {number:N0} messages before were read"));
                }
                else if (!sawMessages)
                {
                    problems(new IntelProblem(path, "start", "no \"messages\" array: is this a Telegram Desktop export (result.json)?"));
                }

                return;
            }

            // Keep the unread tail, read more behind it; grow the buffer for a message bigger than it.
            var tail = length - start;
            if (start == 0 && tail == buffer.Length)
            {
                if (buffer.Length >= MaxMessageBytes)
                {
                    problems(new IntelProblem(path, $"byte {bufferOffset:N0} (message {number + 1:N0})", $"a message over {MaxMessageBytes >> 20} MiB: not a chat export; stopped here"));
                    return;
                }

                Array.Resize(ref buffer, buffer.Length * 2);
            }
            else
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, tail);
                bufferOffset += start;
            }

            start = 0;
            var read = stream.ReadAtLeast(buffer.AsSpan(tail), buffer.Length - tail, throwOnEndOfStream: false);
            final = read < buffer.Length - tail;
            length = tail + read;
        }
    }

    private static string? TryString(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            return null; // not valid UTF-8
        }
    }

    private static void Emit(string path, ReadOnlySpan<byte> json, long number, string? channel, string? chatId, Action<Post> sink, Action<IntelProblem> problems)
    {
        try
        {
            EmitMessage(path, json, number, channel, chatId, sink, problems);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            // One unreadable message (invalid UTF-8 inside a string, a wrong type): reported, and the next is read.
            problems(new IntelProblem(path, $"message {number:N0}", $"unreadable, skipped ({(e is JsonException j ? PostSource.JsonReason(j) : e.Message)})"));
        }
    }

    private static void EmitMessage(string path, ReadOnlySpan<byte> json, long number, string? channel, string? chatId, Action<Post> sink, Action<IntelProblem> problems)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        var message = document.RootElement;
        if (!message.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "message")
        {
            return;
        }

        // A photo or sticker without a caption is a message too: listed, with empty text.
        var text = message.TryGetProperty("text", out var t) ? Text(t) : string.Empty;

        DateTimeOffset? time = null;
        if (message.TryGetProperty("date_unixtime", out var unix) && long.TryParse(unix.ValueKind == JsonValueKind.String ? unix.GetString() : unix.GetRawText(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
        {
            time = DateTimeOffset.FromUnixTimeSeconds(seconds).ToOffset(PostTime.China);
        }
        else if (message.TryGetProperty("date", out var date) && date.ValueKind == JsonValueKind.String)
        {
            time = PostTime.Parse(date.GetString());
        }

        var from = message.TryGetProperty("from", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString()! : string.Empty;
        // from_id is "user123"/"channel123" in current exports and a bare integer in older ones: either is the account
        // (a channel's name is not).
        var fromId = message.TryGetProperty("from_id", out var id) ? id.ValueKind switch
        {
            JsonValueKind.String => id.GetString()!,
            JsonValueKind.Number => id.GetRawText(),
            _ => string.Empty,
        } : string.Empty;
        if (from.Length == 0 && fromId.Length == 0)
        {
            problems(new IntelProblem(path, $"message {number:N0}", "no author (from/from_id): counted as a post of its own"));
        }

        var account = fromId.Length > 0 ? "telegram:" + fromId : from.Length > 0 ? "telegram:" + from : $"post:{path}#{number}";
        long? messageId = message.TryGetProperty("id", out var mid) && mid.ValueKind == JsonValueKind.Number && mid.TryGetInt64(out var m) ? m : null;
        sink(new Post(path, number, time, from, account, channel, text) { ChatId = chatId, MessageId = messageId });
    }

    private static bool EndsWithCue(StringBuilder sb)
    {
        var tail = sb.ToString(Math.Max(0, sb.Length - 6), Math.Min(6, sb.Length)).TrimEnd(' ', ':', '：');
        return tail.EndsWith("电话", StringComparison.Ordinal) || tail.EndsWith("手机", StringComparison.Ordinal) || tail.EndsWith("tel", StringComparison.OrdinalIgnoreCase) || tail.EndsWith("联系", StringComparison.Ordinal);
    }

    /// <summary>Text is a string, or an array of strings and entity objects ({"type":"mention","text":"@x"}).</summary>
    private static string Text(JsonElement text)
    {
        if (text.ValueKind == JsonValueKind.String)
        {
            return text.GetString()!;
        }

        if (text.ValueKind != JsonValueKind.Array)
        {
            return string.Empty;
        }

        var sb = new StringBuilder();
        foreach (var piece in text.EnumerateArray())
        {
            if (piece.ValueKind == JsonValueKind.String)
            {
                sb.Append(piece.GetString());
            }
            else if (piece.ValueKind == JsonValueKind.Object && piece.TryGetProperty("text", out var inner) && inner.ValueKind == JsonValueKind.String)
            {
                // A phone entity is a contact the client recognised: read it as one even without a cue word.
                if (piece.TryGetProperty("type", out var kind) && kind.ValueKind == JsonValueKind.String && kind.GetString() is "phone" or "phone_number" && !EndsWithCue(sb))
                {
                    sb.Append(" tel:");
                }

                sb.Append(inner.GetString());
            }
        }

        return sb.ToString();
    }
}
