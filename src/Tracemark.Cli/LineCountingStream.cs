namespace Tracemark.Cli;

/// <summary>A write-only stream that counts the lines written through it, so an interrupted scan can say how many
/// findings its file holds.</summary>
internal sealed class LineCountingStream(Stream inner) : Stream
{
    /// <summary>Newlines written so far: whole JSON Lines records.</summary>
    public long Lines { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => throw new NotSupportedException();
    }

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        inner.Write(buffer);
        Lines += buffer.Count((byte)'\n');
    }

    public override void WriteByte(byte value)
    {
        inner.WriteByte(value);
        if (value == (byte)'\n')
        {
            Lines++;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
