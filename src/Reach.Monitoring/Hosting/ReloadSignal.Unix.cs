using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Reach.Monitoring.Hosting;

/// <summary>Unix: SIGHUP (<c>systemctl reload</c>), which would otherwise end the process.</summary>
[UnsupportedOSPlatform("windows")]
internal sealed class UnixReloadSignal : IReloadSignal
{
    public IDisposable? Listen(Action reload)
    {
        ArgumentNullException.ThrowIfNull(reload);
        return PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
        {
            context.Cancel = true; // SIGHUP would otherwise end the process
            reload();
        });
    }
}
