namespace Tracemark.Fraud;

/// <summary>
/// The few distributions the link and the sample need: an exact (Garwood) interval for a Poisson count and the
/// Wilson interval for a proportion. Hand-written because no statistics package restores here (docs/fraud.md states
/// the model); checked against published values in the tests.
/// </summary>
public static class Statistics
{
    /// <summary>
    /// The exact two-sided 95 % interval for the mean of a Poisson variable observed as <paramref name="count"/>:
    /// the λ with P(X ≥ count; λ) = 2.5 % and P(X ≤ count; λ) = 2.5 % (Garwood 1936), found by bisection on the
    /// regularised incomplete gamma function.
    /// </summary>
    public static (double Low, double High) PoissonInterval(long count, double alpha = 0.05)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var tail = alpha / 2;

        // P(X ≤ k; λ) = Q(k + 1, λ), decreasing in λ.
        var high = Solve(l => RegularizedGammaQ(count + 1, l) - tail, count);
        var low = count == 0 ? 0 : Solve(l => RegularizedGammaQ(count, l) - (1 - tail), count);
        return (low, high);
    }

    /// <summary>The Wilson score interval (95 % by default) for <paramref name="successes"/> of <paramref name="trials"/>.</summary>
    public static (double Low, double High) WilsonInterval(long successes, long trials, double z = 1.959963984540054)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, successes);
        if (trials == 0)
        {
            return (0, 1);
        }

        var n = (double)trials;
        var p = successes / n;
        var z2 = z * z;
        var centre = (p + (z2 / (2 * n))) / (1 + (z2 / n));
        var half = z / (1 + (z2 / n)) * Math.Sqrt((p * (1 - p) / n) + (z2 / (4 * n * n)));
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    // f is decreasing in λ; bracket the root upward from the count, then bisect to 1e-10 relative.
    private static double Solve(Func<double, double> f, long count)
    {
        double lo = 0, hi = Math.Max(1, count * 2.0 + 10);
        while (f(hi) > 0)
        {
            lo = hi;
            hi *= 2;
        }

        for (var i = 0; i < 200 && hi - lo > 1e-10 * Math.Max(1, hi); i++)
        {
            var mid = (lo + hi) / 2;
            if (f(mid) > 0)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return (lo + hi) / 2;
    }

    /// <summary>Q(a, x) = Γ(a, x) / Γ(a): the series below a + 1, the continued fraction above (Numerical Recipes §6.2).</summary>
    internal static double RegularizedGammaQ(double a, double x)
    {
        if (x <= 0)
        {
            return 1;
        }

        return x < a + 1 ? 1 - GammaSeries(a, x) : GammaFraction(a, x);
    }

    private static double GammaSeries(double a, double x)
    {
        double sum = 1 / a, term = sum, ap = a;
        for (var n = 0; n < 100_000; n++)
        {
            ap += 1;
            term *= x / ap;
            sum += term;
            if (Math.Abs(term) < Math.Abs(sum) * 1e-15)
            {
                break;
            }
        }

        return sum * Math.Exp(-x + (a * Math.Log(x)) - LogGamma(a));
    }

    private static double GammaFraction(double a, double x)
    {
        const double tiny = 1e-300;
        double b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d;
        for (var i = 1; i < 100_000; i++)
        {
            var an = -i * (i - a);
            b += 2;
            d = (an * d) + b;
            d = Math.Abs(d) < tiny ? tiny : d;
            c = b + (an / c);
            c = Math.Abs(c) < tiny ? tiny : c;
            d = 1 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < 1e-15)
            {
                break;
            }
        }

        return Math.Exp(-x + (a * Math.Log(x)) - LogGamma(a)) * h;
    }

    /// <summary>ln Γ(x) for x &gt; 0 (Lanczos, g = 7, n = 9: about 15 significant digits).</summary>
    internal static double LogGamma(double x)
    {
        ReadOnlySpan<double> c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
        if (x < 0.5)
        {
            return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        }

        x -= 1;
        var sum = c[0];
        for (var i = 1; i < 9; i++)
        {
            sum += c[i] / (x + i);
        }

        var t = x + 7.5;
        return (0.5 * Math.Log(2 * Math.PI)) + ((x + 0.5) * Math.Log(t)) - t + Math.Log(sum);
    }
}
