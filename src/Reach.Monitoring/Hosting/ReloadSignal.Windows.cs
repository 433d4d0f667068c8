using System.Runtime.Versioning;

namespace Reach.Monitoring.Hosting;

/// <summary>Windows: no reload signal is listened to; a changed config file still reloads (<see cref="ConfigReloader"/>).</summary>
[SupportedOSPlatform("windows")]
internal sealed class WindowsReloadSignal : IReloadSignal
{
    public IDisposable? Listen(Action reload) => null;
}
