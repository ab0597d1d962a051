using MathNet.Numerics;

namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// The shared-exponent test at one spectrum, on the power law in log–log over all usable cells: the separate model
/// has an intercept and a slope per optimizer (2k parameters), the shared one an intercept per optimizer and one
/// slope (k + 1). Both are linear, so RSS_shared − RSS_separate is exact: the shared slope is Σ Sxy / Σ Sxx over the
/// optimizers' centred sums. F = ((RSS_sh − RSS_sep)/(k − 1)) / (RSS_sep/(n − 2k)); AIC = n ln(RSS/n) + 2·params.
/// Optimizers with fewer than two sizes are left out.
/// </summary>
internal static class SharedExponentTester
{
    private const double Level = 0.05;

    public static SharedExponentTest Test(double spectrum, IReadOnlyList<SeriesData> series)
    {
        var usable = series.Where(s => s.Groups.Length >= 2).OrderBy(s => s.Optimizer, StringComparer.Ordinal).ToList();
        int n = usable.Sum(s => s.CellCount);
        int k = usable.Count;
        var names = usable.Select(s => s.Optimizer).ToList();
        int dfNumerator = k - 1, dfDenominator = n - 2 * k;
        if (k < 2 || dfDenominator < 1)
        {
            return new SharedExponentTest
            {
                Spectrum = spectrum, Optimizers = names, CellCount = n, DfNumerator = Math.Max(dfNumerator, 0),
                DfDenominator = Math.Max(dfDenominator, 0), Verdict = SharedExponentVerdicts.InsufficientData,
            };
        }

        double rssSeparate = 0, sumSxx = 0, sumSxy = 0, sumSyy = 0;
        foreach (var s in usable)
        {
            var (sxx, sxy, syy) = CentredSums(s);
            rssSeparate += Math.Max(0, syy - sxy * sxy / sxx);
            sumSxx += sxx;
            sumSxy += sxy;
            sumSyy += syy;
        }

        double rssShared = Math.Max(rssSeparate, sumSyy - sumSxy * sumSxy / sumSxx);
        double f = (rssShared - rssSeparate) / dfNumerator / (rssSeparate / dfDenominator);
        // Upper tail of F(d1, d2) as a regularised incomplete beta, accurate for tiny p (1 − CDF would round to 0).
        double? p = double.IsFinite(f)
            ? SpecialFunctions.BetaRegularized(dfDenominator / 2.0, dfNumerator / 2.0, dfDenominator / (dfDenominator + dfNumerator * Math.Max(f, 0)))
            : (f > 0 ? 0 : null);
        double deltaAic = n * Math.Log(rssShared / rssSeparate) - 2.0 * dfNumerator;
        string verdict = (p, deltaAic) switch
        {
            (null, _) => SharedExponentVerdicts.InsufficientData,
            ({ } pv, var d) when pv >= Level && !(d > 0) => SharedExponentVerdicts.Shared,
            ({ } pv, var d) when pv < Level && d > 0 => SharedExponentVerdicts.Separate,
            _ => SharedExponentVerdicts.Ambiguous,
        };

        return new SharedExponentTest
        {
            Spectrum = spectrum,
            Optimizers = names,
            SharedAlpha = Finite.OrNull(-sumSxy / sumSxx),
            CellCount = n,
            RssShared = Finite.OrNull(rssShared),
            RssSeparate = Finite.OrNull(rssSeparate),
            DeltaAic = Finite.OrNull(deltaAic),
            FStatistic = Finite.OrNull(f),
            DfNumerator = dfNumerator,
            DfDenominator = dfDenominator,
            PValue = Finite.OrNull(p),
            Verdict = verdict,
        };
    }

    /// <summary>Centred sums of one optimizer's cells: Sxx, Sxy, Syy with x = ln N, y = ln L.</summary>
    private static (double Sxx, double Sxy, double Syy) CentredSums(SeriesData series)
    {
        double n = series.CellCount, sx = 0, sy = 0;
        foreach (var g in series.Groups)
        {
            foreach (double y in g.LogLosses)
            {
                sx += g.LogSize;
                sy += y;
            }
        }

        double xBar = sx / n, yBar = sy / n, sxx = 0, sxy = 0, syy = 0;
        foreach (var g in series.Groups)
        {
            double dx = g.LogSize - xBar;
            foreach (double y in g.LogLosses)
            {
                double dy = y - yBar;
                sxx += dx * dx;
                sxy += dx * dy;
                syy += dy * dy;
            }
        }

        return (sxx, sxy, syy);
    }
}
