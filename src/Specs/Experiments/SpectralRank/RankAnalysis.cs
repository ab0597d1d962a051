using Orchestrator.Numerics.Fitting;
using Orchestrator.Numerics.SpectralRank.Fitting;

namespace Orchestrator.Specs.Experiments.SpectralRank;

/// <summary>
/// The <c>ffn-spectral-rank</c> analysis: the loss fits every experiment has, plus rank = A·D^β per optimizer ×
/// Zipf exponent × bucket × rank kind (<see cref="RankScalingAnalysis"/>), refitted when cells arrived since the
/// last refit. Equal to a fresh analysis of the same cells, whatever their order.
/// </summary>
public sealed class RankAnalysis(FitOptions options) : IExperimentAnalysis
{
    private readonly object _gate = new();
    private readonly LossScalingAnalysis _loss = new(options);
    private readonly List<FinishedCell> _cells = [];
    private IReadOnlyList<RankFit> _rankFits = [];
    private bool _ranksStale;

    public bool IsStale
    {
        get
        {
            lock (_gate)
            {
                return _ranksStale || _loss.IsStale;
            }
        }
    }

    public void Add(FinishedCell cell)
    {
        lock (_gate)
        {
            _loss.Add(cell);
            _cells.Add(cell);
            _ranksStale = true;
        }
    }

    public SweepAnalysis Refit(int maxDegreeOfParallelism = 1, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_ranksStale)
            {
                // In a fixed order, so that the order of arrival cannot change the fits.
                var ordered = _cells
                    .OrderBy(c => c.Optimizer, StringComparer.Ordinal)
                    .ThenBy(c => c.Spectrum).ThenBy(c => c.Size).ThenBy(c => c.Seed)
                    .ThenBy(c => c.LearningRate ?? double.NegativeInfinity);
                _rankFits = RankScalingAnalysis.Analyze(ordered, options);
                _ranksStale = false;
            }

            return _loss.Refit(maxDegreeOfParallelism, cancellationToken) with { RankFits = _rankFits };
        }
    }
}
