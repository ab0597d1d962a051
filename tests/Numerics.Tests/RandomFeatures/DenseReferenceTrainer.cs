using MathNet.Numerics.LinearAlgebra;
using Orchestrator.Numerics.RandomFeatures.Problems;

namespace Orchestrator.Numerics.Tests.RandomFeatures;

/// <summary>
/// A deliberately plain trainer for comparison: dense MathNet matrices in the standard feature basis,
/// G = (2/K)(A H − B), A ← A − η·rule(G), loss (1/K)(tr(A H Aᵀ) − 2 tr(A Bᵀ) + c).
/// </summary>
internal sealed class DenseReferenceTrainer(QuadraticObjective training, QuadraticObjective population)
{
    private readonly Matrix<double> _h = ToMatrix(training.Size, training.Size, training.Hessian);
    private readonly Matrix<double> _b = ToMatrix(training.Outputs, training.Size, training.Cross);
    private readonly Matrix<double> _hPopulation = ToMatrix(population.Size, population.Size, population.Hessian);
    private readonly Matrix<double> _bPopulation = ToMatrix(population.Outputs, population.Size, population.Cross);

    public DenseReferenceTrainer(QuadraticObjective objective) : this(objective, objective)
    {
    }

    public static Matrix<double> ToMatrix(int rows, int cols, double[] rowMajor) =>
        Matrix<double>.Build.Dense(rows, cols, (i, j) => rowMajor[i * cols + j]);

    /// <summary>Population loss of the readout after <paramref name="steps"/> steps.</summary>
    public double Train(int steps, double learningRate, Func<Matrix<double>, Matrix<double>> rule)
    {
        var k = training.Outputs;
        var a = Matrix<double>.Build.Dense(k, training.Size);
        for (var t = 0; t < steps; t++)
        {
            var gradient = (a * _h - _b) * (2.0 / k);
            a -= learningRate * rule(gradient);
        }

        return PopulationLoss(a);
    }

    public double PopulationLoss(Matrix<double> a) =>
        ((a * _hPopulation * a.Transpose()).Trace() - 2 * (a * _bPopulation.Transpose()).Trace() + population.Constant)
        / population.Outputs;

    /// <summary>msign(G) = U Vᵀ from the thin SVD.</summary>
    public static Matrix<double> PolarFactor(Matrix<double> g)
    {
        var svd = g.Svd(computeVectors: true);
        var rank = g.RowCount;
        return svd.U.SubMatrix(0, g.RowCount, 0, rank) * svd.VT.SubMatrix(0, rank, 0, g.ColumnCount);
    }

    /// <summary>Adam with bias correction as a stateful rule.</summary>
    public static Func<Matrix<double>, Matrix<double>> Adam(double beta1, double beta2, double epsilon)
    {
        Matrix<double>? m = null, v = null;
        var t = 0;
        return g =>
        {
            t++;
            m = m is null ? (1 - beta1) * g : beta1 * m + (1 - beta1) * g;
            var g2 = g.PointwiseMultiply(g);
            v = v is null ? (1 - beta2) * g2 : beta2 * v + (1 - beta2) * g2;
            var mHat = m / (1 - Math.Pow(beta1, t));
            var vHat = v / (1 - Math.Pow(beta2, t));
            return mHat.PointwiseDivide(vHat.PointwiseSqrt() + epsilon);
        };
    }
}
