using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Tracemark.Identifiers.Kinds;
using Tracemark.Synthetic.Output;

namespace Tracemark.Synthetic.Credentials;

/// <summary>The sizes of a synthetic credential-dump set (`tracemark synth credentials`).</summary>
/// <param name="People">The population the accounts' owners are drawn from (the same people `tracemark synth` draws, for the same seed).</param>
/// <param name="Accounts">Credentials to write in all: half in the 洗号 dump, a quarter each in the hashed dump and the game-account table.</param>
public sealed record CredentialOptions(long People = 5_000, int Accounts = 1_000);

/// <summary>What one file of `synth credentials` holds, as a correct scanner must count it.</summary>
/// <param name="File">The file, relative to leaks/.</param>
/// <param name="Records">Lines (text) or data rows (tables) written.</param>
/// <param name="Credentials">Account–password pairs planted (each a finding of the kind `credential`).</param>
/// <param name="Shapes">Planted credentials per password shape code (plain, md5, sha1, bcrypt).</param>
/// <param name="Decoys">Records that look like credentials and are not (hex order ids, `----` lines without a password).</param>
public sealed record CredentialFile(string File, long Records, long Credentials, IReadOnlyDictionary<string, long> Shapes, long Decoys);

/// <summary>What `synth credentials` wrote: per file and in all; the truth of every record is in truth/credentials.truth.jsonl.</summary>
/// <param name="Seed">The seed.</param>
/// <param name="People">The population size.</param>
/// <param name="Files">The files, in leaks/.</param>
/// <param name="Credentials">Pairs planted in all.</param>
/// <param name="Shapes">Pairs per password shape in all.</param>
/// <param name="Decoys">Decoy records in all.</param>
/// <param name="Truth">The truth file, relative to the output folder.</param>
public sealed record CredentialManifest(long Seed, long People, IReadOnlyList<CredentialFile> Files, long Credentials, IReadOnlyDictionary<string, long> Shapes, long Decoys, string Truth);

/// <summary>
/// The truth of one record of `synth credentials` (one line of truth/credentials.truth.jsonl): a planted pair (the
/// person it belongs to, the account as written and normalised, the password as written, its shape, and the clear
/// password behind an MD5 or SHA-1 hash) or a decoy (what it is instead).
/// </summary>
/// <param name="Source">The file, relative to leaks/.</param>
/// <param name="Record">Line (text) or data row (tables), 1-based.</param>
/// <param name="Person">A planted pair's owner (population index); null for a decoy.</param>
/// <param name="Written">The account as written; null for a decoy.</param>
/// <param name="Account">The account normalised (mobile without +86, e-mail and names in lower case); null for a decoy.</param>
/// <param name="Password">The password as written; null for a decoy.</param>
/// <param name="Shape">The password's shape; null for a decoy.</param>
/// <param name="Clear">The clear password behind a hash (null in clear, for bcrypt and for a decoy).</param>
/// <param name="Decoy">What a decoy is (one of <see cref="CredentialDumps.DecoyKinds"/>); null for a planted pair.</param>
public sealed record CredentialTruth(string Source, long Record, long? Person, string? Written, string? Account, string? Password, PasswordShape? Shape, string? Clear, string? Decoy);

/// <summary>
/// Writes stolen-account dumps as 号商 sell them (issue 22), with the truth of every record: a 洗号 text dump of
/// <c>账号----密码</c> lines (QQ numbers, mobiles — some as +86… — and e-mail addresses, some in upper case), a dump
/// whose passwords are unsalted MD5 or SHA-1 hex of the clear password, and a game-account CSV with 账号 and 密码
/// columns holding plain and bcrypt-shaped passwords beside an 订单号 column of hex order ids. Decoys sit among them:
/// accounts with an empty password, QQ----mobile binding lines, QQ----date lines and hex strings alone; and a file of
/// nothing but decoys. Every account belongs to a synthetic person of <see cref="Population"/>; the passwords are
/// made up here. The truth keeps each planted pair (normalised account, password as written, the clear password
/// behind a hash) so tests can check a leaked pair; it is synthetic, like everything the generator writes.
/// </summary>
public static class CredentialDumps
{
    /// <summary>The truth file, under the output folder.</summary>
    public const string TruthFile = "truth/credentials.truth.jsonl";

    /// <summary>The manifest, under the output folder.</summary>
    public const string ManifestFile = "credentials-manifest.json";

    // Weak-password stems as dumps show them; none is a header word on its own (a first line "…----pwd" is a header).
    private static readonly string[] Stems =
        ["woaini", "aini", "abc", "qwe", "asd", "zxc", "qaz", "wsx", "love", "wang", "zhang", "liu", "chen", "hao", "xiaobao", "baobei", "tiger", "lucky", "sunny", "iloveyou", "dragon", "haha"];

    private static readonly string[] NumberPasswords = ["123456", "12345678", "123456789", "5201314", "147258369", "666666", "888888", "111111", "1314520", "000000", "654321", "112233"];

    private const string Symbols = "!@#$%^&*_+=?";
    private const string Alnum = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private const string BcryptAlphabet = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const string Hex = "0123456789abcdef";

    /// <summary>What a decoy record can be, as the truth names it.</summary>
    public static IReadOnlyList<string> DecoyKinds { get; } =
        [AccountAlone, QqMobile, QqDate, HexAlone, NoPassword, HexWithoutAccount];

    private const string AccountAlone = "account----nothing";
    private const string QqMobile = "QQ----mobile binding";
    private const string QqDate = "QQ----date";
    private const string HexAlone = "hex order id alone";
    private const string NoPassword = "account without a password";
    private const string HexWithoutAccount = "hex order id or hash without an account";

    /// <summary>
    /// Writes leaks/ under <paramref name="folder"/>; each record's truth, in order, to <paramref name="writeTruth"/>
    /// with the stream of truth/credentials.truth.jsonl; and credentials-manifest.json through
    /// <paramref name="writeManifest"/> (both the CLI's Tracemark.Reports records, which this layer may not
    /// reference); without a manifest writer no manifest file is written.
    /// </summary>
    public static CredentialManifest Write(string folder, ulong seed, CredentialOptions options, Action<CredentialTruth, Stream> writeTruth, Action<CredentialManifest, Stream>? writeManifest = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(writeTruth);
        var leaks = Path.Combine(folder, LeakCorpus.LeaksFolder);
        Directory.CreateDirectory(leaks);
        Directory.CreateDirectory(Path.Combine(folder, "truth"));
        var people = new Population((long)seed, options.People);
        var rng = new SynthRandom(seed, 0xC4ED5, 1);
        var plainCount = Math.Max(2, options.Accounts / 2);
        var hashedCount = Math.Max(2, options.Accounts / 4);
        var gameCount = Math.Max(2, options.Accounts - plainCount - hashedCount);

        using var truthFile = File.Create(Path.Combine(folder, TruthFile));
        var truth = new TruthLines(truthFile, writeTruth);
        var files = new List<CredentialFile>
        {
            WriteDump(Path.Combine(leaks, "qq-dump.txt"), people, plainCount, hashed: false, ref rng, truth),
            WriteDump(Path.Combine(leaks, "md5-dump.txt"), people, hashedCount, hashed: true, ref rng, truth),
            WriteGameAccounts(Path.Combine(leaks, "game-accounts.csv"), people, gameCount, ref rng, truth),
            WriteDecoys(Path.Combine(leaks, "orders-hex.txt"), people, Math.Max(10, options.Accounts / 10), ref rng, truth),
        };

        var shapes = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (shape, count) in files.SelectMany(f => f.Shapes))
        {
            shapes[shape] = shapes.GetValueOrDefault(shape) + count;
        }

        var manifest = new CredentialManifest((long)seed, options.People, files, files.Sum(f => f.Credentials), shapes, files.Sum(f => f.Decoys), TruthFile);
        if (writeManifest is not null)
        {
            using var stream = File.Create(Path.Combine(folder, ManifestFile));
            writeManifest(manifest, stream);
        }

        return manifest;
    }

    // 账号----密码 lines, CRLF, as 洗号 dumps are passed around; a decoy line now and then, never among the first two
    // (a scanner reads a header-less dump from its first lines).
    private static CredentialFile WriteDump(string path, Population people, int count, bool hashed, ref SynthRandom rng, TruthLines truth)
    {
        var name = Path.GetFileName(path);
        var shapes = new SortedDictionary<string, long>(StringComparer.Ordinal);
        long line = 0, decoys = 0;
        using var stream = File.Create(path);
        using var w = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16) { NewLine = "\r\n" };
        foreach (var index in Distinct(ref rng, people.Size, count))
        {
            if (line >= 2 && rng.Chance(0.04))
            {
                var decoy = DumpDecoy(people.Get(rng.NextLong(people.Size)), ref rng, out var what);
                w.WriteLine(decoy);
                Decoy(truth, name, ++line, what);
                decoys++;
            }

            var person = people.Get(index);
            var (written, account) = Account(person, ref rng);
            var clear = Password(ref rng);
            var password = clear;
            var shape = PasswordShape.Plain;
            if (hashed)
            {
                (password, shape) = rng.Chance(0.8) ? (Md5(clear), PasswordShape.Md5) : (Sha1(clear), PasswordShape.Sha1);
            }

            w.WriteLine($"{written}----{password}");
            Planted(truth, name, ++line, person.Index, written, account, password, shape, clear);
            shapes[shape.Code()] = shapes.GetValueOrDefault(shape.Code()) + 1;
        }

        return new CredentialFile(name, line, shapes.Values.Sum(), shapes, decoys);
    }

    // A game-account table: 账号 (a game or WeChat account name, a QQ number or an e-mail), 密码 (plain, bcrypt or MD5),
    // 注册时间, 订单号 (hex order ids: no credential). Some accounts have an empty password: no credential either.
    private static CredentialFile WriteGameAccounts(string path, Population people, int count, ref SynthRandom rng, TruthLines truth)
    {
        var name = Path.GetFileName(path);
        var shapes = new SortedDictionary<string, long>(StringComparer.Ordinal);
        long record = 0, decoys = 0;
        using var stream = File.Create(path);
        using var w = new DelimitedWriter(stream, new UTF8Encoding(true), ',');
        w.WriteRow(["账号", "密码", "注册时间", "订单号"]);
        foreach (var index in Distinct(ref rng, people.Size, count))
        {
            var person = people.Get(index);
            var (written, account) = rng.Next(3) switch
            {
                0 => GameName(person, ref rng),
                _ => Account(person, ref rng),
            };
            var registered = Noise.Time(ref rng, 2015, 2025);
            var order = HexString(ref rng, rng.Chance(0.5) ? 32 : 24);
            if (rng.Chance(0.05))
            {
                // An account whose password field is empty: listed, not a credential.
                w.WriteRow([written, string.Empty, registered, order]);
                Decoy(truth, name, ++record, NoPassword);
                decoys++;
                continue;
            }

            var clear = Password(ref rng);
            var (password, shape) = rng.Next(10) switch
            {
                < 5 => (clear, PasswordShape.Plain),
                < 8 => (Bcrypt(ref rng), PasswordShape.Bcrypt),
                _ => (Md5(clear), PasswordShape.Md5),
            };
            w.WriteRow([written, password, registered, order]);
            Planted(truth, name, ++record, person.Index, written, account, password, shape, shape == PasswordShape.Bcrypt ? null : clear);
            shapes[shape.Code()] = shapes.GetValueOrDefault(shape.Code()) + 1;
        }

        return new CredentialFile(name, record, shapes.Values.Sum(), shapes, decoys);
    }

    // Nothing but decoys: hex order ids and hashes alone, QQ numbers with an empty password, QQ----mobile bindings.
    private static CredentialFile WriteDecoys(string path, Population people, int count, ref SynthRandom rng, TruthLines truth)
    {
        var name = Path.GetFileName(path);
        using var stream = File.Create(path);
        using var w = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        for (var line = 1; line <= count; line++)
        {
            string text, what;
            if (rng.Chance(0.5))
            {
                (text, what) = (HexString(ref rng, rng.PickOf(16, 24, 32, 40)), HexWithoutAccount);
            }
            else
            {
                text = DumpDecoy(people.Get(rng.NextLong(people.Size)), ref rng, out what);
            }

            w.WriteLine(text);
            Decoy(truth, name, line, what);
        }

        return new CredentialFile(name, count, 0, new SortedDictionary<string, long>(StringComparer.Ordinal), count);
    }

    private static string DumpDecoy(SyntheticPerson person, ref SynthRandom rng, out string what)
    {
        switch (rng.Next(4))
        {
            case 0:
                what = AccountAlone;
                return $"{person.Qq}----";
            case 1:
                what = QqMobile;
                return $"{person.Qq}----{person.Mobile}";
            case 2:
                what = QqDate;
                return $"{person.Qq}----{Noise.Time(ref rng, 2018, 2025)[..10]}";
            default:
                what = HexAlone;
                return HexString(ref rng, 32);
        }
    }

    // The account as written and normalised: a QQ number (half), a mobile (a fifth of them +86…), an e-mail (some upper case).
    private static (string Written, string Account) Account(SyntheticPerson person, ref SynthRandom rng) => rng.Next(10) switch
    {
        < 5 => (person.Qq, person.Qq),
        < 8 => (rng.Chance(0.2) ? "+86" + person.Mobile : person.Mobile, person.Mobile),
        _ => (rng.Chance(0.2) ? person.Email.ToUpperInvariant() : person.Email, person.Email.ToLowerInvariant()),
    };

    // A game or WeChat account name: pinyin-like letters and digits (wxid_… for WeChat), compared in lower case.
    private static (string Written, string Account) GameName(SyntheticPerson person, ref SynthRandom rng)
    {
        var digits = (person.Index % 100_000).ToString(CultureInfo.InvariantCulture);
        var written = rng.Chance(0.3)
            ? $"wxid_{RandomOf(ref rng, "abcdefghijklmnopqrstuvwxyz0123456789", 10)}{digits}"
            : $"{rng.Pick(Stems)}{(rng.Chance(0.5) ? "_" : string.Empty)}{digits}{RandomOf(ref rng, "abcdefghijklmnopqrstuvwxyz", 2)}";
        if (rng.Chance(0.2))
        {
            written = char.ToUpperInvariant(written[0]) + written[1..];
        }

        return (written, written.ToLowerInvariant());
    }

    // A clear password: a stem with digits, a digits-only favourite, or a random mix with a symbol. None holds a
    // separator (---- | , : tab), a run of 11 digits, a date or an identifier: a dump's password field is that.
    private static string Password(ref SynthRandom rng) => rng.Next(10) switch
    {
        < 5 => $"{rng.Pick(Stems)}{rng.Next(100, 1_000_000).ToString(CultureInfo.InvariantCulture)}",
        < 7 => rng.Pick(NumberPasswords),
        _ => RandomOf(ref rng, Alnum, rng.Next(6, 11)) + Symbols[rng.Next(Symbols.Length)] + rng.Next(10).ToString(CultureInfo.InvariantCulture),
    };

    // MD5 and SHA-1 are the unsalted hashes 洗号 dumps carry; they are written here to imitate those dumps, not to protect anything.
#pragma warning disable CA5350, CA5351
    private static string Md5(string clear) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(clear)));

    private static string Sha1(string clear) => Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(clear)));
#pragma warning restore CA5350, CA5351

    // The shape of a bcrypt string ($2a$10$ + 53 characters of salt and hash); no clear password is behind it.
    private static string Bcrypt(ref SynthRandom rng) => $"$2{rng.PickOf('a', 'b', 'y')}$10${RandomOf(ref rng, BcryptAlphabet, 53)}";

    private static string HexString(ref SynthRandom rng, int length) => RandomOf(ref rng, Hex, length);

    private static string RandomOf(ref SynthRandom rng, string alphabet, int length)
    {
        Span<char> s = stackalloc char[length];
        for (var i = 0; i < length; i++)
        {
            s[i] = alphabet[rng.Next(alphabet.Length)];
        }

        return new string(s);
    }

    private static List<long> Distinct(ref SynthRandom rng, long range, int count)
    {
        count = (int)Math.Min(count, range);
        var picked = new HashSet<long>();
        var order = new List<long>(count);
        while (order.Count < count)
        {
            var p = rng.NextLong(range);
            if (picked.Add(p))
            {
                order.Add(p);
            }
        }

        return order;
    }

    private static void Planted(TruthLines truth, string file, long record, long person, string written, string account, string password, PasswordShape shape, string? clear) =>
        truth.Write(new CredentialTruth(file, record, person, written, account, password, shape, shape == PasswordShape.Plain ? null : clear, null));

    private static void Decoy(TruthLines truth, string file, long record, string what) =>
        truth.Write(new CredentialTruth(file, record, null, null, null, null, null, null, what));

    // The truth file's stream and the caller's writer of its lines, passed down together.
    private readonly record struct TruthLines(Stream Stream, Action<CredentialTruth, Stream> WriteLine)
    {
        public void Write(CredentialTruth truth) => WriteLine(truth, Stream);
    }
}
