using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace RlaifV.Runtime.Hosting;

/// <summary>
/// Accepts connections on a fixed local port and relays each, byte for byte, to a target address: how
/// <c>rlaifv broker --port P</c> offers a known bootstrap port in front of the mock cluster, whose own port the system
/// chooses. Clients bootstrap through it; the brokers' metadata then names the mock cluster's own address (on the same
/// machine).
/// </summary>
internal sealed class TcpRelay : IDisposable
{
    private readonly TcpListener listener;
    private readonly string targetHost;
    private readonly int targetPort;
    private readonly CancellationTokenSource stopping = new();

    private TcpRelay(TcpListener listener, string targetHost, int targetPort)
    {
        this.listener = listener;
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        _ = Task.Run(AcceptAsync);
    }

    /// <summary>Starts relaying 127.0.0.1:<paramref name="port"/> to <paramref name="target"/> (host:port).</summary>
    public static TcpRelay Start(int port, string target)
    {
        var colon = target.LastIndexOf(':');
        var host = target[..colon];
        var targetPort = int.Parse(target[(colon + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture);
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        return new TcpRelay(listener, host, targetPort);
    }

    /// <summary>Stops accepting; open relays end with their connections.</summary>
    public void Dispose()
    {
        stopping.Cancel();
        listener.Stop();
        listener.Dispose();
        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = Task.Run(() => RelayAsync(client));
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var target = new TcpClient())
        {
            try
            {
                await target.ConnectAsync(targetHost, targetPort);
                using var a = client.GetStream();
                using var b = target.GetStream();
                await Task.WhenAny(a.CopyToAsync(b), b.CopyToAsync(a));
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
            {
                // Either side closed.
            }
        }
    }
}
