using System.Net;
using Reach.Reflector;

namespace Reach.Reflector.Tests;

public class ServeUnitTests
{
    [Fact]
    public void Render_Defaults_RunsServeOnTheListenAddressOnly_AsADynamicUser()
    {
        var unit = ServeUnit.Render("/usr/local/bin/reach", new ReflectorOptions { Listen = new IPEndPoint(IPAddress.Any, 9106) });

        Assert.Contains("ExecStart=/usr/local/bin/reach serve --listen 0.0.0.0:9106\n", unit, StringComparison.Ordinal);
        Assert.Contains("DynamicUser=yes", unit, StringComparison.Ordinal);
        Assert.DoesNotContain("CAP_NET_BIND_SERVICE", unit, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ChangedOptions_AreCarried_AndAPrivilegedPortGetsTheCapability()
    {
        var options = new ReflectorOptions
        {
            Listen = new IPEndPoint(IPAddress.Any, 80),
            AllowPrivate = true,
            MaxPortsPerRequest = 8,
            ProbeTimeout = TimeSpan.FromSeconds(3),
        };

        var unit = ServeUnit.Render("/usr/local/bin/reach", options);

        Assert.Contains("ExecStart=/usr/local/bin/reach serve --listen 0.0.0.0:80 --allow-private --max-ports 8 --probe-timeout 3s\n", unit, StringComparison.Ordinal);
        Assert.Contains("AmbientCapabilities=CAP_NET_BIND_SERVICE", unit, StringComparison.Ordinal);
    }
}
