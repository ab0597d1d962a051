using Orchestrator.Numerics.Optimizers;
using Xunit;

namespace Orchestrator.Numerics.Tests.Optimizers;

public sealed class AdamUpdateTests
{
    [Fact]
    public void TheFirstStepIsTheHandComputation()
    {
        // m̂ = g and v̂ = g² after bias correction, so the first step is −η·g/(|g| + ε), about η·sign(g).
        const double lr = 0.05, epsilon = 1e-3;
        double[] parameters = [1.0, -2.0, 0.5];
        var update = new AdamUpdate(3, 0.9, 0.999, epsilon);

        update.Apply(parameters, [0.02, -4.0, 0.0], lr);

        Assert.Equal(1.0 - lr * 0.02 / (0.02 + epsilon), parameters[0], 1e-15);
        Assert.Equal(-2.0 + lr * 4.0 / (4.0 + epsilon), parameters[1], 1e-15);
        Assert.Equal(0.5, parameters[2]);
    }

    [Fact]
    public void WithoutWeightDecayEachEntryFollowsTheDocumentedOperationsBitForBit()
    {
        const double beta1 = 0.8, beta2 = 0.99, epsilon = 1e-6, lr = 0.03;
        double[][] gradients = [[0.5, -2.0], [0.1, 1.0], [-0.3, 0.0]];
        double[] parameters = [0.25, -1.0];
        var update = new AdamUpdate(2, beta1, beta2, epsilon);

        double[] theta = [0.25, -1.0], m = new double[2], v = new double[2];
        for (var t = 1; t <= gradients.Length; t++)
        {
            update.Apply(parameters, (double[])gradients[t - 1].Clone(), lr);
            for (var i = 0; i < 2; i++)
            {
                var g = gradients[t - 1][i];
                m[i] = beta1 * m[i] + (1.0 - beta1) * g;
                v[i] = beta2 * v[i] + (1.0 - beta2) * g * g;
                theta[i] = theta[i] - lr * (m[i] / (1.0 - Math.Pow(beta1, t))) / (Math.Sqrt(v[i] / (1.0 - Math.Pow(beta2, t))) + epsilon);
            }

            Assert.Equal(theta, parameters);
        }
    }

    [Fact]
    public void WithWeightDecayEachEntryFollowsTheDocumentedOperationsBitForBit()
    {
        const double beta1 = 0.9, beta2 = 0.95, epsilon = 1e-8, lr = 0.01, lambda = 0.1;
        double[][] gradients = [[1.0, -0.5], [3.0, 0.25], [-2.0, 0.0]];
        double[] parameters = [0.5, -1.5];
        var update = new AdamUpdate(2, beta1, beta2, epsilon, lambda);

        double[] theta = [0.5, -1.5], m = new double[2], v = new double[2];
        for (var t = 1; t <= gradients.Length; t++)
        {
            update.Apply(parameters, (double[])gradients[t - 1].Clone(), lr);
            for (var i = 0; i < 2; i++)
            {
                var g = gradients[t - 1][i];
                m[i] = beta1 * m[i] + (1.0 - beta1) * g;
                v[i] = beta2 * v[i] + (1.0 - beta2) * g * g;
                var direction = m[i] / (1.0 - Math.Pow(beta1, t)) / (Math.Sqrt(v[i] / (1.0 - Math.Pow(beta2, t))) + epsilon);
                theta[i] = theta[i] - (lr * direction + lr * lambda * theta[i]);
            }

            Assert.Equal(theta, parameters);
        }
    }

    [Fact]
    public void WeightDecayIsDecoupledFromTheMoments()
    {
        // The decay acts on the parameters only: the same gradients move a decayed and an undecayed copy by the same
        // Adam direction, and the decayed one also shrinks by ηλθ per step (here from θ = 0 for the undecayed copy).
        const double lr = 0.02, lambda = 0.5;
        double[][] gradients = [[1.0], [-0.4], [2.5], [0.3]];
        double[] decayed = [2.0], plain = [0.0];
        var withDecay = new AdamUpdate(1, 0.9, 0.999, 1e-8, lambda);
        var withoutDecay = new AdamUpdate(1, 0.9, 0.999, 1e-8, 0.0);

        var expected = 2.0;
        foreach (var g in gradients)
        {
            var before = plain[0];
            withoutDecay.Apply(plain, [g[0]], lr);
            withDecay.Apply(decayed, [g[0]], lr);
            expected += (plain[0] - before) - lr * lambda * expected;
            Assert.Equal(expected, decayed[0], 1e-14);
        }
    }

    [Fact]
    public void AZeroGradientOnlyShrinksTheParametersByTheDecay()
    {
        double[] parameters = [3.0, -0.7];
        new AdamUpdate(2, 0.9, 0.999, 1e-8, 0.25).Apply(parameters, [0.0, 0.0], 0.1);
        Assert.Equal([3.0 - 0.1 * 0.25 * 3.0, -0.7 - 0.1 * 0.25 * -0.7], parameters);
    }

    [Fact]
    public void TheFormsWithAndWithoutADecayTermAgreeToRoundingWhenTheDecayIsZero()
    {
        double[] without = [0.3, -0.2, 1.5, 0.0], with = [0.3, -0.2, 1.5, 0.0];
        var noTerm = new AdamUpdate(4, 0.9, 0.999, 1e-8);
        var zeroDecay = new AdamUpdate(4, 0.9, 0.999, 1e-8, 0.0);
        for (var t = 0; t < 20; t++)
        {
            double[] gradient = [Math.Sin(t), Math.Cos(3 * t), 0.1 * t, -1.0];
            noTerm.Apply(without, (double[])gradient.Clone(), 0.01);
            zeroDecay.Apply(with, gradient, 0.01);
        }

        for (var i = 0; i < without.Length; i++)
        {
            Assert.Equal(without[i], with[i], 1e-15);
        }
    }

    [Fact]
    public void FlopsAndStateBytesArePerEntry()
    {
        var noTerm = new AdamUpdate(5, 0.9, 0.999, 1e-8);
        var decay = new AdamUpdate(5, 0.9, 0.999, 1e-8, 0.1);
        Assert.Equal(14.0 * 5, noTerm.Apply(new double[5], new double[5], 0.1));
        Assert.Equal(14.0 * 5, decay.Apply(new double[5], new double[5], 0.1));
        Assert.Equal(16L * 5, noTerm.StateBytes);
        Assert.Equal(16L * 5, decay.StateBytes);
        Assert.Null(noTerm.WeightDecay);
        Assert.Equal(0.1, decay.WeightDecay);
    }

    [Fact]
    public void ArraysOfAnotherLengthAreRejected()
    {
        var update = new AdamUpdate(3, 0.9, 0.999, 1e-8);
        Assert.Throws<ArgumentException>(() => update.Apply(new double[4], new double[4], 0.1));
        Assert.Throws<ArgumentException>(() => update.Apply(new double[3], new double[2], 0.1));
    }
}
