using Reach.Sockets;

namespace Reach.Core.Tests.Sockets;

public class TcpStateNamesTests
{
    [Theory]
    [InlineData("listen", TcpSocketState.Listen)]
    [InlineData("LISTEN", TcpSocketState.Listen)]
    [InlineData("established", TcpSocketState.Established)]
    [InlineData("estab", TcpSocketState.Established)]
    [InlineData("ESTAB", TcpSocketState.Established)]
    [InlineData("close-wait", TcpSocketState.CloseWait)]
    [InlineData("CLOSE_WAIT", TcpSocketState.CloseWait)]
    [InlineData("time-wait", TcpSocketState.TimeWait)]
    [InlineData("TIME_WAIT", TcpSocketState.TimeWait)]
    [InlineData("syn-sent", TcpSocketState.SynSent)]
    [InlineData("syn-recv", TcpSocketState.SynReceived)]
    [InlineData("SYN_RECV", TcpSocketState.SynReceived)]
    [InlineData("fin-wait-1", TcpSocketState.FinWait1)]
    [InlineData("FIN_WAIT1", TcpSocketState.FinWait1)]
    [InlineData("fin-wait-2", TcpSocketState.FinWait2)]
    [InlineData("closing", TcpSocketState.Closing)]
    [InlineData("last-ack", TcpSocketState.LastAck)]
    [InlineData("closed", TcpSocketState.Closed)]
    [InlineData(" close ", TcpSocketState.Closed)]
    public void TryParse_AcceptsSsAndNetstatSpellings(string text, TcpSocketState expected)
    {
        Assert.True(TcpStateNames.TryParse(text, out var state, out var error), error);
        Assert.Equal(expected, state);
    }

    [Theory]
    [InlineData("listening-ish")]
    [InlineData("")]
    [InlineData("unconn")]
    public void TryParse_Unknown_ListsTheValidNames(string text)
    {
        Assert.False(TcpStateNames.TryParse(text, out _, out var error));
        Assert.Contains("valid: listen, established", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParseList_ReadsCommaSeparatedStates()
    {
        Assert.True(TcpStateNames.TryParseList("estab, close-wait", out var states, out _));
        Assert.Equal([TcpSocketState.Established, TcpSocketState.CloseWait], states.Order());
    }

    [Fact]
    public void EveryState_HasWordsThatParseBack()
    {
        foreach (var state in Enum.GetValues<TcpSocketState>().Where(s => s is not (TcpSocketState.Unknown or TcpSocketState.DeleteTcb)))
        {
            Assert.True(TcpStateNames.TryParse(state.ToWord(), out var fromWord, out _), state.ToWord());
            Assert.Equal(state, fromWord);
            Assert.True(TcpStateNames.TryParse(state.ToTableWord(), out var fromTable, out _), state.ToTableWord());
            Assert.Equal(state, fromTable);
        }
    }
}
