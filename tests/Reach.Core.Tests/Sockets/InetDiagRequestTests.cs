using System.Buffers.Binary;
using Reach.Sockets;

namespace Reach.Core.Tests.Sockets;

public class InetDiagRequestTests
{
    [Fact]
    public void Write_LaysOutNlmsghdrAndInetDiagReqV2()
    {
        var buffer = new byte[InetDiagRequest.Size];

        InetDiagRequest.Write(buffer, family: 10, protocol: 17, sequence: 5);

        Assert.Equal(72, InetDiagRequest.Size); // 16 + sizeof(struct inet_diag_req_v2)
        Assert.Equal(72u, BinaryPrimitives.ReadUInt32LittleEndian(buffer));
        Assert.Equal(20, BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(4))); // SOCK_DIAG_BY_FAMILY
        Assert.Equal(0x301, BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(6))); // NLM_F_REQUEST | NLM_F_DUMP
        Assert.Equal(5u, BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(8)));
        Assert.Equal(10, buffer[16]);
        Assert.Equal(17, buffer[17]);
        Assert.Equal(0, buffer[18]); // no extensions needed for SKV6ONLY
        Assert.Equal(uint.MaxValue, BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(20)));
        Assert.All(buffer[24..], b => Assert.Equal(0, b)); // inet_diag_sockid: no filter
    }
}
