namespace Orchestrator.Numerics.Random;

/// <summary>
/// Layer tables of Doornik's 128-layer ziggurat for the standard normal ("An Improved Ziggurat Method to Generate
/// Normal Random Samples", 2005): X[i] are the layer edges (X[1] = R, X[128] = 0, X[0] = V/f(R) for the base layer
/// with its tail), Ratio[i] = X[i+1]/X[i] the fast-acceptance bound.
/// </summary>
internal static class ZigguratTables
{
    public const int Layers = 128;

    /// <summary>Start of the tail, R.</summary>
    public const double TailStart = 3.442619855899;

    /// <summary>Area of each layer, V.</summary>
    public const double LayerArea = 9.91256303526217e-3;

    public static readonly double[] X = new double[Layers + 1];
    public static readonly double[] Ratio = new double[Layers];

    static ZigguratTables()
    {
        var f = Math.Exp(-0.5 * TailStart * TailStart);
        X[0] = LayerArea / f;
        X[1] = TailStart;
        X[Layers] = 0;
        for (var i = 2; i < Layers; i++)
        {
            X[i] = Math.Sqrt(-2 * Math.Log(LayerArea / X[i - 1] + f));
            f = Math.Exp(-0.5 * X[i] * X[i]);
        }

        for (var i = 0; i < Layers; i++)
        {
            Ratio[i] = X[i + 1] / X[i];
        }
    }
}
