using FsCheck.Fluent;
using Tracemark.Identifiers.Kinds;
using Tracemark.Tests;

namespace Tracemark.Identifiers.Tests.Kinds;

public sealed class TronAddressTests
{
    [Theory]
    // The USDT contract address on TRON and the zero account: Base58Check of 0x41 ‖ 20 bytes.
    [InlineData("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t")]
    [InlineData("T9yD14Nj9j7xAB4dbGeiX9h8unkKHxuWwb")]
    public void Valid_addresses(string address) => Assert.True(TronAddress.IsValid(address));

    [Theory]
    // One character changed (the checksum no longer matches).
    [InlineData("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6u")]
    // Too short and too long.
    [InlineData("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6")]
    [InlineData("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6tt")]
    // Not Base58: 0, O, I and l are not in the alphabet.
    [InlineData("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj60")]
    [InlineData("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLjOt")]
    // A Bitcoin address (version 0x00 starts with 1), and a 34-character string starting with T that is not Base58Check.
    [InlineData("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa")]
    [InlineData("TTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTT")]
    [InlineData("")]
    public void Invalid_addresses(string address) => Assert.False(TronAddress.IsValid(address));

    [Fact]
    public void Encoding_the_zero_account_gives_the_known_address() =>
        Assert.Equal("T9yD14Nj9j7xAB4dbGeiX9h8unkKHxuWwb", TronAddress.Encode(new byte[20]));

    [Fact]
    public void Every_encoded_account_is_valid_and_any_changed_character_is_caught() =>
        Properties.Hold(
            Gen.Zip(Gen.Zip(Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), 20), Gen.Choose(1, 33)), Gen.Elements("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".ToCharArray())),
            t =>
            {
                var ((account, at), c) = t;
                var address = TronAddress.Encode(account);
                Assert.True(TronAddress.IsValid(address), address);
                Assert.Equal(TronAddress.Length, address.Length);
                var changed = address[..at] + c + address[(at + 1)..];
                Assert.Equal(changed == address, TronAddress.IsValid(changed));
            });
}
