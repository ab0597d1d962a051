using Orchestrator.Numerics.Fitting;

namespace Orchestrator.FitCoverage;

/// <summary>
/// Bootstrap-t intervals of one series from the plain cluster resamples: t*_b = (θ*_b − θ̂)/se*_b with se from
/// <see cref="NormalTheoryErrors"/> on resample b (its drawn cells), and the interval θ̂ − q(1 − a/2)·se,
/// θ̂ − q(a/2)·se. A's interval for the power law is formed on ln A.
/// </summary>
internal sealed record StudentizedBootstrap(Interval PowerAlpha, Interval PowerA, Interval SaturatingAlpha, Interval SaturatingE, Interval SaturatingA)
{
    public static StudentizedBootstrap Run(SeriesData series, ClusterResampler plain, ResampledFits fits,
        PowerLawEstimate power, SaturatingLawEstimate saturating, double level)
    {
        var points = SizePoints.Of(series);
        double within = series.Groups.Sum(g => g.WithinSumOfSquares());
        var powerSe = NormalTheoryErrors.Power(points.LogSizes, points.MeanLogLoss, points.Weights, within);
        var satSe = NormalTheoryErrors.Saturating(points.LogSizes, points.MeanLogLoss, points.Weights, within,
            saturating.E, saturating.A, saturating.Alpha);

        var groupAt = plain.Align(series);
        var logSizes = plain.Sizes.Select(s => Math.Log(s)).ToArray();
        int count = fits.PowerAlpha.Length;
        var tPowerAlpha = new List<double>(count);
        var tPowerLogA = new List<double>(count);
        var tAlpha = new List<double>(count);
        var tE = new List<double>(count);
        var tA = new List<double>(count);
        var means = new double[logSizes.Length];
        var weights = new double[logSizes.Length];
        for (int b = 0; b < count; b++)
        {
            plain.Resample(groupAt, b, means, weights);
            double drawnWithin = DrawnWithinSumOfSquares(plain, groupAt, b, means);
            var p = NormalTheoryErrors.Power(logSizes, means, weights, drawnWithin);
            tPowerAlpha.Add((fits.PowerAlpha[b] - power.Alpha) / p.Alpha);
            tPowerLogA.Add((Math.Log(fits.PowerCoefficient[b]) - power.LogCoefficient) / p.LogA);
            var s = NormalTheoryErrors.Saturating(logSizes, means, weights, drawnWithin,
                fits.SaturatingE[b], fits.SaturatingA[b], fits.SaturatingAlpha[b]);
            tAlpha.Add((fits.SaturatingAlpha[b] - saturating.Alpha) / s.Alpha);
            tE.Add((fits.SaturatingE[b] - saturating.E) / s.E);
            tA.Add((fits.SaturatingA[b] - saturating.A) / s.A);
        }

        var logA = Studentized(tPowerLogA, power.LogCoefficient, powerSe.LogA, level);
        return new StudentizedBootstrap(
            Studentized(tPowerAlpha, power.Alpha, powerSe.Alpha, level),
            new Interval(Math.Exp(logA.Low), Math.Exp(logA.High)),
            Studentized(tAlpha, saturating.Alpha, satSe.Alpha, level),
            Studentized(tE, saturating.E, satSe.E, level),
            Studentized(tA, saturating.A, satSe.A, level));
    }

    private static Interval Studentized(List<double> tStars, double estimate, double standardError, double level)
    {
        var quantiles = PercentileInterval.Of(tStars, level);
        if (quantiles.Low is not { } low || quantiles.High is not { } high || !double.IsFinite(standardError))
        {
            return Interval.Undefined;
        }

        return new Interval(estimate - high * standardError, estimate - low * standardError);
    }

    /// <summary>Σ over sizes of the scatter of the drawn cells about their (resampled) mean.</summary>
    private static double DrawnWithinSumOfSquares(ClusterResampler plain, SizeGroup?[] groupAt, int resample, double[] means)
    {
        double sum = 0;
        for (int j = 0; j < plain.Sizes.Length; j++)
        {
            if (groupAt[j] is not { } group)
            {
                continue;
            }

            var counts = new int[plain.Seeds[j].Length];
            plain.DrawCounts(resample, j, counts);
            for (int k = 0; k < counts.Length; k++)
            {
                if (counts[k] > 0 && group.TryGetLogLoss(plain.Seeds[j][k], out double y))
                {
                    sum += counts[k] * (y - means[j]) * (y - means[j]);
                }
            }
        }

        return sum;
    }
}
