using System.Globalization;

/// <summary>Command-line settings: <c>--replicates</c>, <c>--resamples</c>, <c>--seeds</c>, <c>--steps</c>, <c>--noise</c>, <c>--threads</c>.</summary>
internal sealed record CoverageOptions(int Replicates, int Resamples, int Seeds, int Steps, double Noise, int Threads)
{
    public static CoverageOptions Parse(string[] args)
    {
        var options = new CoverageOptions(200, 1000, 5, 1000, 0.02, Environment.ProcessorCount);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            options = args[i] switch
            {
                "--replicates" => options with { Replicates = int.Parse(value, CultureInfo.InvariantCulture) },
                "--resamples" => options with { Resamples = int.Parse(value, CultureInfo.InvariantCulture) },
                "--seeds" => options with { Seeds = int.Parse(value, CultureInfo.InvariantCulture) },
                "--steps" => options with { Steps = int.Parse(value, CultureInfo.InvariantCulture) },
                "--noise" => options with { Noise = double.Parse(value, CultureInfo.InvariantCulture) },
                "--threads" => options with { Threads = int.Parse(value, CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"unknown option {args[i]}; known: --replicates, --resamples, --seeds, --steps, --noise, --threads"),
            };
        }

        return options;
    }
}
