using MathNet.Numerics.LinearAlgebra;
using Orchestrator.Numerics.Optimizers;

namespace Orchestrator.Numerics.RandomFeatures.Optimizers;

/// <summary>
/// <c>matrix-sign</c> (a Muon proxy): A ← A − η·msign(G), msign(G) = U Vᵀ, the polar factor of the K×N gradient,
/// computed exactly as (G Gᵀ)^(−½) G from the K×K eigendecomposition of G Gᵀ (directions with eigenvalue below
/// K·ε·λ_max are treated as null). For K = 1 this is G/‖G‖, normalised gradient descent. msign(G Q) = msign(G) Q
/// for orthogonal Q, so it runs in H's eigenbasis. A zero gradient gives a zero step. Stateless.
/// </summary>
/// <remarks>
/// Specific to the readout: the exact polar factor is affordable because K is small. The FFN experiment's
/// counterpart is Muon's approximate Newton–Schulz orthogonalisation. Flops: the polar factor's count plus 2 per entry.
/// </remarks>
public sealed class MatrixSignUpdate(int outputs, int size) : IParameterUpdate
{
    public long StateBytes => 0;

    public double Apply(double[] parameters, double[] gradient, double learningRate)
    {
        var flops = PolarFactorInPlace(outputs, size, gradient);
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i] -= learningRate * gradient[i];
        }

        return flops + 2.0 * parameters.Length;
    }

    /// <summary>Writes msign(G) over <paramref name="gradient"/> (K×N row-major). Returns the flops.</summary>
    internal static double PolarFactorInPlace(int outputs, int size, double[] gradient)
    {
        if (outputs == 1)
        {
            var norm = 0.0;
            foreach (var g in gradient)
            {
                norm += g * g;
            }

            norm = Math.Sqrt(norm);
            var inverse = norm > 0 ? 1.0 / norm : 0.0;
            for (var i = 0; i < gradient.Length; i++)
            {
                gradient[i] *= inverse;
            }

            return 3.0 * size;
        }

        // Gram matrix G Gᵀ (K×K), its eigendecomposition, and (G Gᵀ)^(−½) applied from the left.
        var gram = Matrix<double>.Build.Dense(outputs, outputs);
        for (var a = 0; a < outputs; a++)
        {
            for (var b = 0; b <= a; b++)
            {
                var dot = 0.0;
                for (var i = 0; i < size; i++)
                {
                    dot += gradient[a * size + i] * gradient[b * size + i];
                }

                gram[a, b] = dot;
                gram[b, a] = dot;
            }
        }

        var evd = gram.Evd(Symmetricity.Symmetric);
        var values = evd.EigenValues;
        var vectors = evd.EigenVectors;
        var largest = 0.0;
        for (var j = 0; j < outputs; j++)
        {
            largest = Math.Max(largest, values[j].Real);
        }

        var threshold = outputs * 2.220446049250313e-16 * largest;
        var inverseRoot = Matrix<double>.Build.Dense(outputs, outputs);
        for (var j = 0; j < outputs; j++)
        {
            var value = values[j].Real;
            if (value <= threshold || value <= 0)
            {
                continue;
            }

            var scale = 1.0 / Math.Sqrt(value);
            for (var a = 0; a < outputs; a++)
            {
                for (var b = 0; b < outputs; b++)
                {
                    inverseRoot[a, b] += scale * vectors[a, j] * vectors[b, j];
                }
            }
        }

        var row = new double[outputs];
        for (var i = 0; i < size; i++)
        {
            for (var a = 0; a < outputs; a++)
            {
                row[a] = gradient[a * size + i];
            }

            for (var a = 0; a < outputs; a++)
            {
                var sum = 0.0;
                for (var b = 0; b < outputs; b++)
                {
                    sum += inverseRoot[a, b] * row[b];
                }

                gradient[a * size + i] = sum;
            }
        }

        return (double)outputs * (outputs + 1) * size + 9.0 * outputs * outputs * outputs
            + 2.0 * outputs * outputs * size;
    }
}
