using System.Net.Sockets;

namespace Reach.Lab.Tests.Lab;

/// <summary>Accepts connections on a lab listener until stopped, handing each one over.</summary>
internal static class AcceptLoop
{
    /// <summary>
    /// Bounded by <paramref name="stop"/> (the owner's lifetime) and by a cap on errors in a row; ends quietly when the
    /// listener is closed.
    /// </summary>
    public static async Task RunAsync(Socket listener, Action<Socket> onAccepted, CancellationToken stop)
    {
        var errorsInARow = 0;
        while (!stop.IsCancellationRequested && errorsInARow < 100)
        {
            Socket accepted;
            try
            {
                accepted = await listener.AcceptAsync(stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                // A connection reset before accept: keep serving, without spinning.
                errorsInARow++;
                await Task.Delay(10, CancellationToken.None);
                continue;
            }

            errorsInARow = 0;
            onAccepted(accepted);
        }
    }
}
