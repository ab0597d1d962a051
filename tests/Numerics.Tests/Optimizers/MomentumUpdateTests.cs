using Orchestrator.Numerics.Optimizers;
using Xunit;

namespace Orchestrator.Numerics.Tests.Optimizers;

public sealed class MomentumUpdateTests
{
    [Fact]
    public void TheVelocityAccumulatesTheGradients()
    {
        // A constant gradient g gives v_t = g·(1 + μ + … + μ^(t−1)), so after three steps θ = θ₀ − η·g·(3 + 2μ + μ²).
        const double mu = 0.5, lr = 0.1, g = 2.0;
        double[] parameters = [1.0];
        var update = new MomentumUpdate(1, mu);
        for (var t = 0; t < 3; t++)
        {
            update.Apply(parameters, [g], lr);
        }

        Assert.Equal(1.0 - lr * g * (3 + 2 * mu + mu * mu), parameters[0], 1e-15);
    }

    [Fact]
    public void WithoutMomentumItIsPlainGradientDescent()
    {
        double[] parameters = [1.0, -1.0];
        var update = new MomentumUpdate(2, 0.0);
        update.Apply(parameters, [2.0, 0.5], 0.1);
        update.Apply(parameters, [-1.0, 0.5], 0.1);
        Assert.Equal(1.0 - 0.1 * 2.0 + 0.1 * 1.0, parameters[0], 1e-15);
        Assert.Equal(-1.0 - 0.1 * 0.5 - 0.1 * 0.5, parameters[1], 1e-15);
    }

    [Fact]
    public void EachEntryFollowsTheDocumentedOperationsBitForBit()
    {
        const double mu = 0.9, lr = 0.07, lambda = 0.2;
        double[][] gradients = [[0.5, -2.0], [0.1, 1.0], [-0.3, 0.0]];
        double[] plain = [0.25, -1.0], decayed = [0.25, -1.0];
        var withoutDecay = new MomentumUpdate(2, mu);
        var withDecay = new MomentumUpdate(2, mu, lambda);

        double[] theta = [0.25, -1.0], thetaDecayed = [0.25, -1.0], velocity = new double[2];
        foreach (var gradient in gradients)
        {
            withoutDecay.Apply(plain, (double[])gradient.Clone(), lr);
            withDecay.Apply(decayed, (double[])gradient.Clone(), lr);
            for (var i = 0; i < 2; i++)
            {
                velocity[i] = mu * velocity[i] + gradient[i];
                theta[i] = theta[i] - lr * velocity[i];
                thetaDecayed[i] = thetaDecayed[i] - (lr * velocity[i] + lr * lambda * thetaDecayed[i]);
            }

            Assert.Equal(theta, plain);
            Assert.Equal(thetaDecayed, decayed);
        }
    }

    [Fact]
    public void AZeroDecayGivesTheSameParametersAsNoDecayTerm()
    {
        double[] without = [0.3, -0.2, 1.5], with = [0.3, -0.2, 1.5];
        var noTerm = new MomentumUpdate(3, 0.9);
        var zeroDecay = new MomentumUpdate(3, 0.9, 0.0);
        for (var t = 0; t < 20; t++)
        {
            double[] gradient = [Math.Sin(t), Math.Cos(3 * t), 0.1 * t];
            noTerm.Apply(without, (double[])gradient.Clone(), 0.01);
            zeroDecay.Apply(with, gradient, 0.01);
        }

        Assert.Equal(without, with);
    }

    [Fact]
    public void FlopsCountTheDecayTermAndStateIsOneArray()
    {
        var noTerm = new MomentumUpdate(5, 0.9);
        var decay = new MomentumUpdate(5, 0.9, 0.0);
        Assert.Equal(4.0 * 5, noTerm.Apply(new double[5], new double[5], 0.1));
        Assert.Equal(5.0 * 5, decay.Apply(new double[5], new double[5], 0.1));
        Assert.Equal(8L * 5, noTerm.StateBytes);
        Assert.Equal(8L * 5, decay.StateBytes);
    }

    [Fact]
    public void ArraysOfAnotherLengthAreRejected()
    {
        var update = new MomentumUpdate(3, 0.9);
        Assert.Throws<ArgumentException>(() => update.Apply(new double[2], new double[2], 0.1));
    }
}
