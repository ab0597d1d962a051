using Orchestrator.Numerics.LinearAlgebra;
using Orchestrator.Numerics.SpectralRank.Model;

namespace Orchestrator.Numerics.SpectralRank.Training;

/// <summary>
/// The loss of a fixed sample of <see cref="ContextExamples"/>: the mean of ‖f(x) − y‖²/K over its rows, from one
/// forward pass whose pre-activations and hidden activations are kept for the rank measurements. Sums run in row order.
/// </summary>
internal sealed class HeldOutLoss : ILossMonitor
{
    private readonly ContextExamples _examples;
    private readonly FeedForwardBlock _model;
    private readonly double[] _outputs;

    public HeldOutLoss(ContextExamples examples, FeedForwardBlock model)
    {
        _examples = examples;
        _model = model;
        PreActivations = new double[(long)examples.Rows * model.Width];
        Hidden = new double[(long)examples.Rows * model.Width];
        _outputs = new double[(long)examples.Rows * model.Outputs];
        RowLosses = new double[examples.Rows];
    }

    /// <summary>W₁x of every row after the last <see cref="Evaluate"/>: n×D row-major.</summary>
    public double[] PreActivations { get; }

    /// <summary>relu(W₁x)² of every row after the last <see cref="Evaluate"/>: n×D row-major.</summary>
    public double[] Hidden { get; }

    /// <summary>‖f(x) − y‖²/K of every row after the last <see cref="Evaluate"/>.</summary>
    public double[] RowLosses { get; }

    /// <summary>Bytes of the arrays of the forward pass (the examples' own are counted by them).</summary>
    public long Bytes => 8L * (PreActivations.Length + Hidden.Length + _outputs.Length + RowLosses.Length);

    public double Evaluate(IDenseLinearAlgebra algebra, ref double flops)
    {
        flops += _model.Forward(_examples.Rows, _examples.Inputs, PreActivations, Hidden, _outputs, algebra);
        var k = _model.Outputs;
        var targets = _examples.Targets;
        var total = 0.0;
        for (var i = 0; i < _examples.Rows; i++)
        {
            var sum = 0.0;
            for (var j = 0; j < k; j++)
            {
                var r = _outputs[(long)i * k + j] - targets[(long)i * k + j];
                sum += r * r;
            }

            RowLosses[i] = sum / k;
            total += RowLosses[i];
        }

        flops += 3.0 * _examples.Rows * k;
        return total / _examples.Rows;
    }

    /// <summary>The mean row loss over <paramref name="rows"/> (not empty), from the last <see cref="Evaluate"/>.</summary>
    public double MeanLoss(IReadOnlyList<int> rows)
    {
        var total = 0.0;
        foreach (var row in rows)
        {
            total += RowLosses[row];
        }

        return total / rows.Count;
    }
}
