namespace Tracemark.Store.Tags;

/// <summary>
/// Key files for secrets other than the store's own (the exposure index's OPRF seed): 32 random bytes written as
/// "&lt;header&gt; &lt;base64&gt;" in a file readable by its owner only, the same format and care as the store key.
/// </summary>
public static class KeyFile
{
    /// <summary>The 32-byte secret of the key file at <paramref name="path"/>, whose first word must be
    /// <paramref name="header"/>; a <see cref="StoreException"/> naming the file when it is unreadable or not a key.</summary>
    public static byte[] Read(string path, string header) => StoreKey.Load(path, header).Secret;

    /// <summary>Creates a new key file (mode 0600) with a fresh secret and returns the secret; refuses to overwrite
    /// an existing file.</summary>
    public static byte[] Create(string path, string header) => StoreKey.Create(path, header).Secret;
}
