package dev.mqkit.runtime.delivery;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.handler.codec.dns.DatagramDnsQuery;
import io.netty.handler.codec.dns.DatagramDnsQueryDecoder;
import io.netty.handler.codec.dns.DatagramDnsResponse;
import io.netty.handler.codec.dns.DatagramDnsResponseEncoder;
import io.netty.handler.codec.dns.DefaultDnsRawRecord;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An authoritative-only DNS responder on 127.0.0.1 (UDP, free port) for delivery tests: answers MX
 * and A queries from records added with {@link #mx} and {@link #a}; names it knows nothing of get
 * NXDOMAIN, other types of known names an empty answer.
 */
final class TestDnsServer implements AutoCloseable {
    private record Mx(int preference, String host) {
    }

    private final Map<String, List<Mx>> mx = new ConcurrentHashMap<>();
    private final Map<String, List<byte[]>> a = new ConcurrentHashMap<>();
    private final List<String> questions = new CopyOnWriteArrayList<>();
    private final Channel channel;

    TestDnsServer(EventLoopGroup group) throws InterruptedException {
        channel = new Bootstrap().group(group).channel(EpollDatagramChannel.class)
                .handler(new ChannelInitializer<EpollDatagramChannel>() {
                    @Override
                    protected void initChannel(EpollDatagramChannel ch) {
                        ch.pipeline().addLast(new DatagramDnsQueryDecoder(), new DatagramDnsResponseEncoder(),
                                new Responder());
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    TestDnsServer mx(String domain, int preference, String host) {
        mx.computeIfAbsent(key(domain), k -> new CopyOnWriteArrayList<>()).add(new Mx(preference, host));
        return this;
    }

    TestDnsServer a(String host, String ip) throws Exception {
        a.computeIfAbsent(key(host), k -> new CopyOnWriteArrayList<>()).add(InetAddress.getByName(ip).getAddress());
        return this;
    }

    /** "TYPE name" of every question asked so far. */
    List<String> questions() {
        return List.copyOf(questions);
    }

    private static String key(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower : lower + ".";
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }

    private final class Responder extends SimpleChannelInboundHandler<DatagramDnsQuery> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramDnsQuery query) {
            DnsQuestion question = query.recordAt(DnsSection.QUESTION);
            String name = key(question.name());
            questions.add(question.type().name() + " " + name);
            DatagramDnsResponse response = new DatagramDnsResponse(query.recipient(), query.sender(), query.id());
            response.setAuthoritativeAnswer(true);
            response.addRecord(DnsSection.QUESTION, question);
            boolean known = mx.containsKey(name) || a.containsKey(name);
            if (!known) {
                response.setCode(DnsResponseCode.NXDOMAIN);
            } else if (question.type() == DnsRecordType.MX) {
                for (Mx record : mx.getOrDefault(name, List.of())) {
                    ByteBuf data = Unpooled.buffer();
                    data.writeShort(record.preference());
                    writeName(data, record.host());
                    response.addRecord(DnsSection.ANSWER, new DefaultDnsRawRecord(name, DnsRecordType.MX, 60, data));
                }
            } else if (question.type() == DnsRecordType.A) {
                for (byte[] ip : a.getOrDefault(name, List.of())) {
                    response.addRecord(DnsSection.ANSWER,
                            new DefaultDnsRawRecord(name, DnsRecordType.A, 60, Unpooled.wrappedBuffer(ip)));
                }
            }
            ctx.writeAndFlush(response);
        }
    }

    private static void writeName(ByteBuf out, String name) {
        List<String> labels = new ArrayList<>(List.of(name.split("\\.")));
        labels.removeIf(String::isEmpty);
        for (String label : labels) {
            byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
            out.writeByte(bytes.length);
            out.writeBytes(bytes);
        }
        out.writeByte(0);
    }
}
