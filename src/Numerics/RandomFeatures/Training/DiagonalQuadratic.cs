namespace Orchestrator.Numerics.RandomFeatures.Training;

/// <summary>
/// A quadratic objective seen in H's eigenbasis, where H = diag(κ): L(Ã) = (1/K)[Σ κ_i Ã_ki² − 2 Ã_ki B̃_ki + c],
/// G̃ = (2/K)(Ã diag κ − B̃). Both cost O(KN). Serves as gradient oracle (population and finite data) and as the
/// population loss probe when the basis is the population one.
/// </summary>
internal sealed class DiagonalQuadratic(int outputs, int size, double[] eigenvalues, double[] rotatedCross, double constant)
    : IGradientOracle, IPopulationLossProbe
{
    public bool IsCheap => true;

    public long WorkBytes => 0;

    public double Gradient(double[] readout, double[] gradient, int step, ref double flops)
    {
        var scale = 2.0 / outputs;
        var sum = 0.0;
        for (var k = 0; k < outputs; k++)
        {
            var offset = k * size;
            for (var i = 0; i < size; i++)
            {
                var a = readout[offset + i];
                var b = rotatedCross[offset + i];
                var ha = eigenvalues[i] * a;
                gradient[offset + i] = scale * (ha - b);
                sum += a * (ha - 2.0 * b);
            }
        }

        flops += 7.0 * outputs * size;
        return (sum + constant) / outputs;
    }

    public double Loss(double[] readout, ref double flops)
    {
        var sum = 0.0;
        for (var k = 0; k < outputs; k++)
        {
            var offset = k * size;
            for (var i = 0; i < size; i++)
            {
                var a = readout[offset + i];
                sum += a * (eigenvalues[i] * a - 2.0 * rotatedCross[offset + i]);
            }
        }

        flops += 5.0 * outputs * size;
        return (sum + constant) / outputs;
    }
}
