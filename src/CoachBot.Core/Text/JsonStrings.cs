using System.Text.Json;
using System.Text.Unicode;

namespace CoachBot.Core.Text;

/// <summary>Whether JSON from outside can be read into .NET strings without an exception.</summary>
public static class JsonStrings
{
    /// <summary>
    /// True when <paramref name="utf8Json"/> is UTF-8 and each of its strings and property names can be read. JSON
    /// escapes can spell a lone surrogate ("\ud800"), which no .NET string holds: reading one (GetString, or
    /// TryGetProperty comparing an escaped name) throws, anywhere in the code that reads the document later. Checking
    /// the body once up front lets the endpoint refuse it with a 400 instead. Malformed JSON is left to the parser:
    /// the strings before the fault are checked, and it throws <see cref="JsonException"/>.
    /// </summary>
    public static bool AreReadable(ReadOnlySpan<byte> utf8Json)
    {
        if (!Utf8.IsValid(utf8Json)) return false;
        var reader = new Utf8JsonReader(utf8Json);
        try
        {
            while (reader.Read())
            {
                // Unescaped strings are UTF-8 already (checked above): only escapes can spell what .NET cannot hold.
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped) reader.GetString();
            }
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
