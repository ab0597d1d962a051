namespace Orchestrator.Numerics.Optimizers;

/// <summary>The length check every stateful rule makes before a step, so that a mismatch fails loudly, not by index.</summary>
internal static class UpdateLengths
{
    public static void Require(int length, double[] parameters, double[] gradient)
    {
        if (parameters.Length != length || gradient.Length != length)
        {
            throw new ArgumentException(
                $"the update holds state for {length} parameters; got {parameters.Length} parameters and " +
                $"{gradient.Length} gradient entries");
        }
    }
}
