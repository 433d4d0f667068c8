using System.Net.Sockets;

namespace Reach.Reflector.Tests.Integration;

/// <summary>
/// Sockets on one port number over several loopback addresses, so that a probe of any of them names the same port.
/// The number is free on the first address only; on the others another process's connection may hold it (its
/// ephemeral port), so on a clash everything is closed and another number is tried.
/// </summary>
internal static class SamePort
{
    private const int Attempts = 50;

    public static (TFirst First, IDisposable[] Others) Open<TFirst>(Func<TFirst> first, Func<TFirst, int> portOf, params Func<int, IDisposable>[] others)
        where TFirst : IDisposable
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(portOf);
        ArgumentNullException.ThrowIfNull(others);
        for (var attempt = 1; ; attempt++)
        {
            var head = first();
            var opened = new List<IDisposable>();
            try
            {
                foreach (var open in others)
                {
                    opened.Add(open(portOf(head)));
                }

                return (head, [.. opened]);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse && attempt < Attempts)
            {
                opened.ForEach(o => o.Dispose());
                head.Dispose();
            }
        }
    }
}
