using System.Runtime.InteropServices;

namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// Resampled fits (<see cref="ResampledFits.Run"/>) kept for reuse: a series' own bootstrap and its paired
/// comparisons resample the same seeds whenever the series has every seed of the spectrum's universe
/// (<see cref="ClusterResampler"/>), and a series that did not change since the last refit resamples as before. An
/// entry is reused only for the same series data (sizes, seeds and log losses, bit for bit), the same universe and the
/// same options, and the fits are a pure function of those, so a reused entry is exactly what a new run would give.
/// Entries of a series' earlier data are dropped when it changes. Thread-safe; one computation per entry, the other
/// askers waiting for it.
/// </summary>
internal sealed class ResampledFitsCache
{
    /// <summary>Universes kept per series: its own and one shared with other series.</summary>
    private const int EntriesPerSeries = 2;

    private readonly object _gate = new();
    private readonly Dictionary<(double Spectrum, string Optimizer), List<Entry>> _entries = [];

    /// <summary>The resampled fits of <paramref name="series"/> over <paramref name="resampler"/>'s universe, computed once.</summary>
    public ResampledFits Get(SeriesData series, ClusterResampler resampler, FitOptions options)
    {
        // The degree of parallelism changes how the fits are computed, never what they are.
        var key = options with { MaxDegreeOfParallelism = 1 };
        Lazy<ResampledFits> fits;
        lock (_gate)
        {
            if (!_entries.TryGetValue((series.Spectrum, series.Optimizer), out var entries))
            {
                _entries[(series.Spectrum, series.Optimizer)] = entries = [];
            }

            entries.RemoveAll(e => e.Options != key || !e.HasData(series));
            var entry = entries.Find(e => e.HasUniverse(resampler));
            if (entry is null)
            {
                entry = new Entry(series, resampler, key, new Lazy<ResampledFits>(() => ResampledFits.Run(series, resampler, options)));
                entries.Add(entry);
                if (entries.Count > EntriesPerSeries)
                {
                    entries.RemoveAt(0);
                }
            }

            fits = entry.Fits;
        }

        return fits.Value;
    }

    private sealed record Entry(SeriesData Series, ClusterResampler Resampler, FitOptions Options, Lazy<ResampledFits> Fits)
    {
        public bool HasData(SeriesData other)
        {
            var groups = Series.Groups;
            if (ReferenceEquals(Series, other))
            {
                return true;
            }

            if (groups.Length != other.Groups.Length)
            {
                return false;
            }

            for (int j = 0; j < groups.Length; j++)
            {
                var (mine, theirs) = (groups[j], other.Groups[j]);
                if (mine.Size != theirs.Size
                    || !mine.Seeds.AsSpan().SequenceEqual(theirs.Seeds)
                    || !MemoryMarshal.AsBytes(mine.LogLosses.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(theirs.LogLosses.AsSpan())))
                {
                    return false;
                }
            }

            return true;
        }

        public bool HasUniverse(ClusterResampler other) => Resampler.SameDraws(other);
    }
}
