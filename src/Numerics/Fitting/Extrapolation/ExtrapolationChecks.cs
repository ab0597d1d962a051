namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// Whether a fitted law holds beyond the sizes it was fitted on: each law is refitted without the largest size and
/// judged at that size (<see cref="FitFlags.DoesNotExtrapolate"/>), and refitted on growing prefixes of the sizes to
/// see whether α has settled (<see cref="FitFlags.NotSettled"/>). Pure functions of the series and the options.
/// </summary>
internal static class ExtrapolationChecks
{
    /// <summary>Sizes the power law's checks need: the holdout refit keeps 2, the law's minimum.</summary>
    public const int PowerMinimumSizes = 3;

    /// <summary>Sizes the saturating law's checks need: the holdout refit keeps 3, the law's minimum.</summary>
    public const int SaturatingMinimumSizes = 4;

    /// <summary><paramref name="fit"/> with the power law's holdout fields, α by largest size and flags.</summary>
    public static SeriesFit AddToPower(SeriesFit fit, SeriesData series, FitOptions options)
    {
        if (fit.Alpha is null || series.Groups.Length < PowerMinimumSizes)
        {
            return fit;
        }

        return With(fit, PowerLawHoldout.Check(series, options), PrefixRefits.Power(series, fit.Alpha));
    }

    /// <summary><paramref name="fit"/> with the saturating law's holdout fields, α by largest size and flags.</summary>
    public static SeriesFit AddToSaturating(SeriesFit fit, SeriesData series, FitOptions options)
    {
        if (fit.Alpha is null || series.Groups.Length < SaturatingMinimumSizes)
        {
            return fit;
        }

        var refit = series.Smallest(series.Groups.Length - 1);
        var refitEstimate = SeriesFitter.SaturatingPointEstimate(refit, options);
        return With(fit,
            SaturatingLawHoldout.Check(series, refit, refitEstimate, options),
            PrefixRefits.Saturating(series, refitEstimate, fit.Alpha, options));
    }

    private static SeriesFit With(SeriesFit fit, HoldoutCheck? holdout, IReadOnlyList<AlphaAtMaxSize> alphas)
    {
        var flags = fit.Flags.ToList();
        if (holdout?.Inside == false)
        {
            flags.Add(FitFlags.DoesNotExtrapolate);
        }

        if (PrefixRefits.IsNotSettled(alphas, fit))
        {
            flags.Add(FitFlags.NotSettled);
        }

        return fit with
        {
            HoldoutSize = holdout?.Size,
            HoldoutLogError = Finite.OrNull(holdout?.LogError),
            HoldoutPiLow = holdout?.LowLog is { } low ? Finite.OrNull(Math.Exp(low)) : null,
            HoldoutPiHigh = holdout?.HighLog is { } high ? Finite.OrNull(Math.Exp(high)) : null,
            HoldoutInside = holdout?.Inside,
            AlphaByMaxSize = alphas,
            Flags = flags.ToArray(),
        };
    }
}
