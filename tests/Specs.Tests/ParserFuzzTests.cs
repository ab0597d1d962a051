using System.Text;
using CsCheck;

namespace Orchestrator.Specs.Tests;

/// <summary>
/// Property: for any text, Parse returns either a valid spec or at least one single-line error, and never throws.
/// Inputs are valid specs with random edits, truncated specs, and random bytes. CsCheck draws fresh inputs on each
/// run and prints the seed of any failing one (set <c>CsCheck_Seed</c> to replay it).
/// </summary>
public sealed class ParserFuzzTests
{
    // Fragments that reach the interesting corners: YAML structure, anchors, tags, numbers and key names.
    private static readonly string[] Fragments =
    [
        "\n", "  ", "\t", ":", ": ", "- ", "[", "]", "{", "}", ",", "'", "\"", "#", "&a ", "*a", "!!str ", "!!binary ",
        "%YAML 1.2\n", "---\n", "...\n", "|\n", ">\n", "? ", "~", "null", ".nan", ".inf", "-.inf", "1e999", "-1", "0",
        "2147483648", "99999999999999999999", "1.5", "auto", "finite:", "online:0", "population", "gd", "adam", "sgd",
        "lr", "steps", "latent_dim", "grid", "settings", "optimizers", "fit", "size", "seed", "\u00e9", "\u0000",
        "\ud83d\ude00", "\ud800",
    ];

    private static readonly Gen<string> Edit = Gen.OneOf(Gen.OneOf(Fragments), Gen.Char.Select(c => c.ToString()));

    private static readonly Gen<string> MutatedSpec =
        Gen.Select(Gen.Int[0, SpecFuzzing.Templates.Length - 1], Gen.Int[1, 6].SelectMany(n =>
                Gen.Select(Gen.Int[0, 3], Gen.Double[0, 1], Gen.Double[0, 1], Edit).Array[n]))
            .Select((template, edits) =>
            {
                var text = new StringBuilder(SpecFuzzing.Templates[template]);
                foreach (var (kind, at, length, fragment) in edits)
                {
                    var position = (int)(at * text.Length);
                    var count = Math.Min(text.Length - position, (int)(length * 20));
                    switch (kind)
                    {
                        case 0:
                            text.Insert(position, fragment);
                            break;
                        case 1:
                            text.Remove(position, count);
                            break;
                        case 2:
                            text.Remove(position, count).Insert(position, fragment);
                            break;
                        default:
                            // Duplicate a stretch: repeated keys and list items.
                            text.Insert(position, text.ToString(position, count));
                            break;
                    }
                }

                return text.ToString();
            });

    private static readonly Gen<string> TruncatedSpec =
        Gen.Select(Gen.Int[0, SpecFuzzing.Templates.Length - 1], Gen.Double[0, 1])
            .Select((template, at) => SpecFuzzing.Templates[template][..(int)(at * SpecFuzzing.Templates[template].Length)]);

    private static readonly Gen<string> RandomBytes =
        Gen.Byte.Array[0, 400].Select(bytes => Encoding.UTF8.GetString(bytes));

    private static readonly Gen<string> RandomFragments =
        Gen.OneOf(Fragments).Array[0, 60].Select(parts => string.Concat(parts));

    private static void ParsesWithoutThrowing(string text) => SpecFuzzing.AssertSpecOrErrors(SpecParser.Parse(text));

    [Fact]
    public void Mutated_specs_validate_or_give_errors() =>
        MutatedSpec.Sample(ParsesWithoutThrowing, iter: 2000);

    [Fact]
    public void Truncated_specs_validate_or_give_errors() =>
        TruncatedSpec.Sample(ParsesWithoutThrowing, iter: 1000);

    [Fact]
    public void Random_bytes_give_errors() =>
        RandomBytes.Sample(ParsesWithoutThrowing, iter: 1000);

    [Fact]
    public void Random_yaml_fragments_give_errors() =>
        RandomFragments.Sample(ParsesWithoutThrowing, iter: 1000);

    [Fact]
    public void Some_mutated_specs_stay_valid()
    {
        // Guards the property above against vacuity: the generator must also reach the valid path.
        var valid = SpecFuzzing.CountValid(MutatedSpec, iter: 500);

        Assert.True(valid > 0, "no mutated spec stayed valid");
    }
}
