using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Tracemark.Tests;

/// <summary>Answers 503 to the first <c>failures</c> POSTs, then 200; keeps the bodies it accepted.</summary>
internal sealed class WebhookEndpoint : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Thread _thread;
    private int _failures;

    public WebhookEndpoint(int failures)
    {
        _failures = failures;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Url = new Uri($"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/alerts/");
            probe.Stop();
        }

        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _thread = new Thread(Serve) { IsBackground = true };
        _thread.Start();
    }

    public Uri Url { get; }

    public List<string> Accepted { get; } = [];

    public int Requests { get; private set; }

    public void Dispose()
    {
        _listener.Close();
        _thread.Join();
    }

    private void Serve()
    {
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = _listener.GetContext();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var body = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var text = body.ReadToEnd();
            lock (Accepted)
            {
                Requests++;
                if (_failures > 0)
                {
                    _failures--;
                    context.Response.StatusCode = 503;
                }
                else
                {
                    Accepted.Add(text);
                    context.Response.StatusCode = context.Request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) == true ? 200 : 415;
                }
            }

            context.Response.Close();
        }
    }
}
