using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Orchestrator.Specs.Canonical;

/// <summary>
/// Compact, deterministic JSON: callers write keys in a fixed order, reals as "R" text, strings escaped the same way
/// on every machine. Hashes of this text are the spec fingerprint and the cell ids.
/// </summary>
public static class CanonicalJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = false,
        // The default encoder escapes more than JSON requires and its choices are not part of any contract.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Lowercase hex SHA-256 of the UTF-8 text.</summary>
    public static string Sha256Hex(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
