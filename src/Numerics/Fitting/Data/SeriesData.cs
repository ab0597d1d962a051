namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// A series reduced to what the laws are fitted on: one usable log loss per (size, seed) cell, sizes ascending.
/// Building it applies the learning-rate axis (per cell, the lowest finite positive loss over learning rates; ties
/// go to the smaller rate) and excludes diverged and non-positive cells, counting them. Duplicate observations of a
/// cell (same size, seed and learning rate) therefore cannot change a fit: the minimum over them is taken.
/// The result does not depend on the order of the observations.
/// </summary>
internal sealed class SeriesData
{
    private SeriesData(string optimizer, double spectrum, SizeGroup[] groups, int diverged, int nonPositive,
        IReadOnlyList<LearningRateChoice>? learningRates)
    {
        Optimizer = optimizer;
        Spectrum = spectrum;
        Groups = groups;
        DivergedExcluded = diverged;
        NonPositiveExcluded = nonPositive;
        LearningRates = learningRates;
    }

    public string Optimizer { get; }

    public double Spectrum { get; }

    /// <summary>Sizes with at least one usable cell, ascending.</summary>
    public SizeGroup[] Groups { get; }

    /// <summary>Cells (size, seed) whose every observation diverged or had a non-finite loss.</summary>
    public int DivergedExcluded { get; }

    /// <summary>Cells whose best finite loss was ≤ 0.</summary>
    public int NonPositiveExcluded { get; }

    public IReadOnlyList<LearningRateChoice>? LearningRates { get; }

    public int CellCount => Groups.Sum(g => g.Count);

    /// <summary>Builds the series from the observations of <paramref name="optimizer"/> at <paramref name="spectrum"/> (others are ignored).</summary>
    /// <exception cref="ArgumentException">An observation of the series has a size below 1.</exception>
    public static SeriesData Build(string optimizer, double spectrum, IEnumerable<Observation> observations)
    {
        var cells = observations
            .Where(o => o.Optimizer == optimizer && o.Spectrum.Equals(spectrum))
            .Select(o => o.Size >= 1 ? o : throw new ArgumentException($"Model size must be at least 1, got {o.Size}.", nameof(observations)))
            .GroupBy(o => (o.Size, o.Seed));

        bool hasLearningRates = false;
        int diverged = 0, nonPositive = 0;
        var bySize = new SortedDictionary<int, List<(int Seed, double LogLoss, Observation Cell)>>();
        foreach (var cell in cells)
        {
            hasLearningRates |= cell.Any(o => o.LearningRate.HasValue);
            var best = BestObservation(cell);
            if (best is null)
            {
                diverged++;
                continue;
            }

            if (!(best.FinalLoss > 0))
            {
                nonPositive++;
                continue;
            }

            if (!bySize.TryGetValue(cell.Key.Size, out var list))
            {
                bySize[cell.Key.Size] = list = [];
            }

            list.Add((cell.Key.Seed, Math.Log(best.FinalLoss), best));
        }

        var groups = new List<SizeGroup>(bySize.Count);
        var learningRates = hasLearningRates ? new List<LearningRateChoice>(bySize.Count) : null;
        foreach (var (size, list) in bySize)
        {
            list.Sort((a, b) => a.Seed.CompareTo(b.Seed));
            groups.Add(new SizeGroup(size, list.Select(c => c.Seed).ToArray(), list.Select(c => c.LogLoss).ToArray(), list.Select(c => c.Cell).ToArray()));
            learningRates?.Add(ModalLearningRate(size, list.Select(c => c.Cell.LearningRate).ToList()));
        }

        return new SeriesData(optimizer, spectrum, groups.ToArray(), diverged, nonPositive, learningRates);
    }

    /// <summary>
    /// The series restricted to its <paramref name="sizeCount"/> smallest sizes (the exclusion counts are kept), for
    /// refits that hold the largest sizes out.
    /// </summary>
    public SeriesData Smallest(int sizeCount) =>
        new(Optimizer, Spectrum, Groups[..sizeCount], DivergedExcluded, NonPositiveExcluded, LearningRates?.Take(sizeCount).ToList());

    /// <summary>Groups observations by (optimizer, spectrum), in ascending spectrum then ordinal optimizer order.</summary>
    public static IEnumerable<(string Optimizer, double Spectrum, List<Observation> Observations)> Partition(IEnumerable<Observation> observations) =>
        observations
            .GroupBy(o => (o.Optimizer, o.Spectrum))
            .OrderBy(g => g.Key.Spectrum)
            .ThenBy(g => g.Key.Optimizer, StringComparer.Ordinal)
            .Select(g => (g.Key.Optimizer, g.Key.Spectrum, g.ToList()));

    /// <summary>The usable observation with the lowest finite loss; ties go to the smaller learning rate (null first).</summary>
    private static Observation? BestObservation(IEnumerable<Observation> cell)
    {
        Observation? best = null;
        foreach (var o in cell)
        {
            if (o.Diverged || !double.IsFinite(o.FinalLoss))
            {
                continue;
            }

            if (best is null
                || o.FinalLoss < best.FinalLoss
                || (o.FinalLoss == best.FinalLoss && CompareRates(o.LearningRate, best.LearningRate) < 0))
            {
                best = o;
            }
        }

        return best;
    }

    private static int CompareRates(double? a, double? b) =>
        (a, b) switch
        {
            (null, null) => 0,
            (null, _) => -1,
            (_, null) => 1,
            _ => a.Value.CompareTo(b.Value),
        };

    private static LearningRateChoice ModalLearningRate(int size, List<double?> chosen)
    {
        var mode = chosen
            .GroupBy(r => r)
            .Select(g => (Rate: g.Key, Count: g.Count()))
            .OrderByDescending(g => g.Count)
            .ThenBy(g => g.Rate, Comparer<double?>.Create(CompareRates))
            .First();
        return new LearningRateChoice { Size = size, LearningRate = mode.Rate, SeedsChoosing = mode.Count, Seeds = chosen.Count };
    }
}
