using SkiaSharp;

namespace Orchestrator.Cli.Tests;

/// <summary>What a figure written by <c>plot</c> must be: a PNG of the asked size that shows a drawing, not a blank page.</summary>
internal static class DrawnImage
{
    /// <summary>The PNG header gives the size; the pixels show text, axes, markers and lines in several colours.</summary>
    public static void Assert(string path, int width, int height)
    {
        var bytes = File.ReadAllBytes(path);
        Xunit.Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        Xunit.Assert.Equal((width, height), (BigEndian(bytes, 16), BigEndian(bytes, 20)));

        using var bitmap = SKBitmap.Decode(path);
        var colours = new HashSet<SKColor>();
        var inked = 0;
        for (var y = 0; y < bitmap.Height; y += 2)
        {
            for (var x = 0; x < bitmap.Width; x += 2)
            {
                var pixel = bitmap.GetPixel(x, y);
                colours.Add(pixel);
                inked += pixel.Red + pixel.Green + pixel.Blue < 600 ? 1 : 0;
            }
        }

        // Far more colours than a blank or single-colour image.
        Xunit.Assert.True(colours.Count > 50, $"{colours.Count} distinct colours");
        Xunit.Assert.InRange(inked / (bitmap.Width * bitmap.Height / 4.0), 0.005, 0.5);
    }

    private static int BigEndian(byte[] bytes, int offset) =>
        (bytes[offset] << 24) | (bytes[offset + 1] << 16) | (bytes[offset + 2] << 8) | bytes[offset + 3];
}
