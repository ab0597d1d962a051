namespace Orchestrator.Numerics.RandomFeatures.Optimizers;

/// <summary><c>momentum</c>: heavy ball, V ← μV + G, A ← A − ηV (μ = <see cref="OptimizerSettings.Momentum"/>). P = I.</summary>
public sealed class HeavyBallMomentum : IReadoutOptimizer
{
    public string Name => "momentum";
    public bool IsRotationEquivariant => true;
    public bool HasFixedPreconditioner => true;

    public double PreconditionerEigenvalue(double kappa, double largestKappa, OptimizerSettings settings) => 1.0;

    public IReadoutUpdate CreateUpdate(int outputs, int size, OptimizerSettings settings, double[]? preconditioner) =>
        new Update(outputs * size, settings.Momentum);

    private sealed class Update(int length, double momentum) : IReadoutUpdate
    {
        private readonly double[] _velocity = new double[length];

        public long StateBytes => 8L * _velocity.Length;

        public double Apply(double[] readout, double[] gradient, double learningRate)
        {
            for (var i = 0; i < readout.Length; i++)
            {
                _velocity[i] = momentum * _velocity[i] + gradient[i];
                readout[i] -= learningRate * _velocity[i];
            }

            return 4.0 * readout.Length;
        }
    }
}
