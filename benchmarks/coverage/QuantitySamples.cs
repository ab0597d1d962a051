namespace Orchestrator.FitCoverage;

/// <summary>
/// What the candidate intervals of one quantity are built from in one replicate: the point estimate, the resample
/// values of the three schemes (entry b of each is resample b; NaN where the fit failed), the studentized interval
/// and the interval the product reports, with the two Satterthwaite ν of the rescaled values (NaN where not formed).
/// The sample arrays are null for a quantity only the product reports.
/// </summary>
internal sealed record QuantitySamples(
    string Name,
    double Truth,
    double Estimate,
    double[]? Plain,
    double[]? Rescaled,
    double[]? Wild,
    Interval Studentized,
    Interval Product,
    double CommonVarianceNu = double.NaN,
    double ResampleNu = double.NaN);
