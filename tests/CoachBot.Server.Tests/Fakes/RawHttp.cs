using System.Net.Sockets;
using System.Text;

namespace CoachBot.Server.Tests.Fakes;

/// <summary>
/// HTTP/1.1 written by hand over a TCP connection to a loopback server, for what HttpClient will not send: broken
/// chunked framing, bodies that stop half-way.
/// </summary>
public static class RawHttp
{
    /// <summary>
    /// Sends <paramref name="request"/> as it is and returns the response's status code (0 when the server closed
    /// without answering). <paramref name="endInput"/>: then close the sending side, so a body shorter than announced
    /// ends there instead of keeping the server waiting.
    /// </summary>
    public static async Task<int> SendAsync(Uri server, string request, bool endInput = false)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        var stream = client.GetStream();
        try
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
            await stream.FlushAsync();
            if (endInput) client.Client.Shutdown(SocketShutdown.Send);
        }
        catch (IOException)
        {
            // The server refused the request before it was all written; its answer may still be there to read.
        }
        return ParseStatus(await ReadResponseAsync(stream));
    }

    /// <summary>A POST to <paramref name="path"/> whose chunked body announces a chunk of 2^64-1 bytes.</summary>
    public static string ImpossibleChunk(string path, string contentType = "application/json") =>
        $"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {contentType}\r\nTransfer-Encoding: chunked\r\n\r\n" +
        "ffffffffffffffff\r\n{\"type\":\"message\"}\r\n0\r\n\r\n";

    /// <summary>
    /// Opens a POST to <paramref name="path"/> that announces <paramref name="contentLength"/> bytes and sends only
    /// the first part of the body: the request stays in the server (holding whatever it holds) until the connection is
    /// disposed.
    /// </summary>
    public static async Task<TcpClient> StartStalledPostAsync(Uri server, string path, string partialBody, int contentLength, string headers = "")
    {
        var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        var request = $"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {contentLength}\r\n{headers}\r\n{partialBody}";
        await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(request));
        return client;
    }

    private static async Task<string> ReadResponseAsync(NetworkStream stream)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var buffer = new byte[4096];
        var response = new StringBuilder();
        try
        {
            // The status line and headers are all a test needs; stop at the blank line or when the server closes.
            while (!response.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var read = await stream.ReadAsync(buffer, timeout.Token);
                if (read == 0) break;
                response.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }
        }
        catch (IOException)
        {
            // Reset by the server: whatever arrived is the answer.
        }
        return response.ToString();
    }

    private static int ParseStatus(string response)
    {
        var parts = response.Split(' ', 3);
        return parts.Length >= 2 && response.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) && int.TryParse(parts[1], out var status) ? status : 0;
    }
}
