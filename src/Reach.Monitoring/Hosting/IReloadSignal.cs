namespace Reach.Monitoring.Hosting;

/// <summary>The OS's way to tell a running service to reload its config (<c>systemctl reload</c>); one implementation per OS.</summary>
internal interface IReloadSignal
{
    /// <summary>Calls <paramref name="reload"/> each time the signal arrives, until the registration is disposed.</summary>
    /// <returns>The registration; null where the OS has no such signal.</returns>
    IDisposable? Listen(Action reload);
}
