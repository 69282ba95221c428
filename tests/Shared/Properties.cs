using FsCheck;
using FsCheck.Fluent;

namespace Tracemark.Tests;

/// <summary>Runs an FsCheck property inside an xunit fact, throwing (with the counterexample) when it fails.</summary>
internal static class Properties
{
    public static void Hold<T>(Gen<T> gen, Func<T, bool> property, int count = 300) =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(count), Prop.ForAll(gen.ToArbitrary(), property));

    public static void Hold<T>(Gen<T> gen, Action<T> assertion, int count = 300) =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(count), Prop.ForAll(gen.ToArbitrary(), assertion));
}
