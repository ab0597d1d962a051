namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// Where bootstrap resamples come from: for resample b, per universe size, a resampled mean log loss of a series and
/// its weight. <see cref="ResampledFits"/> fits both laws to whatever a source gives, so that resampling schemes can
/// be compared on the same fitting code; the product's source is the <see cref="ClusterResampler"/>.
/// </summary>
internal interface IResampleSource
{
    /// <summary>Universe sizes, ascending.</summary>
    int[] Sizes { get; }

    /// <summary>The series' group at each universe size (null where it has none).</summary>
    SizeGroup?[] Align(SeriesData series);

    /// <summary>
    /// Fills, per universe size, the resampled mean log loss of the series whose groups are <paramref name="groupAt"/>
    /// and its weight (0 where the series has nothing drawn at that size).
    /// </summary>
    void Resample(SizeGroup?[] groupAt, int resample, Span<double> means, Span<double> weights);
}
