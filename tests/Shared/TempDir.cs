namespace Tracemark.Tests;

/// <summary>A fresh folder under the system temp folder, deleted with everything in it on dispose.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir(string purpose = "test") =>
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"tracemark-{purpose}-{Guid.NewGuid():N}");

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
