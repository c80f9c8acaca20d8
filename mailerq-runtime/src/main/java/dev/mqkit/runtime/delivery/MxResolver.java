package dev.mqkit.runtime.delivery;

import io.netty.buffer.ByteBuf;
import io.netty.channel.AddressedEnvelope;
import io.netty.channel.EventLoop;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.handler.codec.dns.DefaultDnsQuestion;
import io.netty.handler.codec.dns.DnsRawRecord;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponse;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;
import io.netty.resolver.dns.DnsNameResolver;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.resolver.dns.DnsServerAddressStreamProviders;
import io.netty.resolver.dns.SingletonDnsServerAddressStreamProvider;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Finds where mail for a domain goes, with Netty's asynchronous DNS resolver: the domain's MX hosts,
 * lowest preference first, each with its addresses; a domain without MX records is its own mail
 * host (its A/AAAA records, RFC 5321 5.1). Also resolves plain host names (smarthosts).
 */
final class MxResolver implements AutoCloseable {
    /** A place to connect to; {@code host} is the name to use for TLS. */
    record Endpoint(String host, InetSocketAddress address) {
    }

    /** The domain does not exist or accepts no mail: delivery fails for good. */
    static final class PermanentDnsException extends Exception {
        private static final long serialVersionUID = 1L;

        PermanentDnsException(String message) {
            super(message);
        }
    }

    private record Mx(int preference, String host) {
    }

    private final DnsNameResolver resolver;

    /**
     * @param loop   the event loop the resolver's socket runs on
     * @param server the DNS server to ask (resolved here), or empty for the system's
     */
    MxResolver(EventLoop loop, Optional<InetSocketAddress> server, Duration queryTimeout) {
        DnsNameResolverBuilder builder = new DnsNameResolverBuilder(loop)
                .datagramChannelType(EpollDatagramChannel.class)
                .socketChannelType(EpollSocketChannel.class)
                .queryTimeoutMillis(queryTimeout.toMillis())
                .searchDomains(List.of())
                .ndots(1);
        server.ifPresentOrElse(
                address -> builder.nameServerProvider(new SingletonDnsServerAddressStreamProvider(
                        address.isUnresolved() ? new InetSocketAddress(address.getHostString(), address.getPort())
                                : address)),
                () -> builder.nameServerProvider(DnsServerAddressStreamProviders.platformDefault()));
        this.resolver = builder.build();
    }

    /** Where mail for {@code domain} goes, in the order to try; fails with PermanentDnsException or another. */
    CompletableFuture<List<Endpoint>> mailHosts(String domain, int port) {
        CompletableFuture<List<Endpoint>> result = new CompletableFuture<>();
        if (domain.startsWith("[") && domain.endsWith("]")) {
            String literal = domain.substring(1, domain.length() - 1);
            if (literal.regionMatches(true, 0, "IPv6:", 0, 5)) {
                literal = literal.substring(5);
            }
            byte[] bytes = NetUtil.createByteArrayFromIpAddressString(literal);
            if (bytes == null) {
                result.completeExceptionally(new PermanentDnsException("bad address literal " + domain));
            } else {
                result.complete(List.of(new Endpoint(literal, new InetSocketAddress(toAddress(bytes), port))));
            }
            return result;
        }
        resolver.query(new DefaultDnsQuestion(domain, DnsRecordType.MX)).addListener(done -> {
            if (!done.isSuccess()) {
                result.completeExceptionally(done.cause());
                return;
            }
            @SuppressWarnings("unchecked")
            AddressedEnvelope<DnsResponse, InetSocketAddress> envelope =
                    (AddressedEnvelope<DnsResponse, InetSocketAddress>) done.getNow();
            List<Mx> mxs;
            try {
                DnsResponse response = envelope.content();
                if (response.code() == DnsResponseCode.NXDOMAIN) {
                    result.completeExceptionally(new PermanentDnsException("the domain " + domain
                            + " does not exist (NXDOMAIN)"));
                    return;
                }
                if (response.code() != DnsResponseCode.NOERROR) {
                    result.completeExceptionally(new UnknownHostException(
                            "the MX look-up of " + domain + " failed: " + response.code()));
                    return;
                }
                mxs = mxRecords(response);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
                return;
            } finally {
                envelope.release();
            }
            if (mxs.isEmpty()) {
                resolveHosts(List.of(domain), port, result);
            } else if (mxs.size() == 1 && mxs.get(0).host().isEmpty()) {
                result.completeExceptionally(new PermanentDnsException("the domain " + domain
                        + " accepts no mail (null MX)"));
            } else {
                resolveHosts(mxs.stream().map(Mx::host).filter(h -> !h.isEmpty()).toList(), port, result);
            }
        });
        return result;
    }

    /** The addresses of a host name or literal, as endpoints. */
    CompletableFuture<List<Endpoint>> host(String host, int port) {
        CompletableFuture<List<Endpoint>> result = new CompletableFuture<>();
        resolveHosts(List.of(host), port, result);
        return result;
    }

    private void resolveHosts(List<String> hosts, int port, CompletableFuture<List<Endpoint>> result) {
        List<List<Endpoint>> perHost = new ArrayList<>();
        List<CompletableFuture<Void>> lookups = new ArrayList<>();
        for (String host : hosts) {
            List<Endpoint> endpoints = new ArrayList<>();
            perHost.add(endpoints);
            byte[] literal = NetUtil.createByteArrayFromIpAddressString(host);
            if (literal != null) {
                endpoints.add(new Endpoint(host, new InetSocketAddress(toAddress(literal), port)));
                continue;
            }
            CompletableFuture<Void> lookup = new CompletableFuture<>();
            lookups.add(lookup);
            resolver.resolveAll(host).addListener(done -> {
                if (done.isSuccess()) {
                    @SuppressWarnings("unchecked")
                    List<InetAddress> addresses = (List<InetAddress>) done.getNow();
                    synchronized (endpoints) {
                        addresses.forEach(a -> endpoints.add(new Endpoint(host, new InetSocketAddress(a, port))));
                    }
                }
                lookup.complete(null); // a host without addresses is skipped
            });
        }
        CompletableFuture.allOf(lookups.toArray(CompletableFuture[]::new)).whenComplete((ok, error) -> {
            List<Endpoint> all = new ArrayList<>();
            for (List<Endpoint> endpoints : perHost) {
                synchronized (endpoints) {
                    all.addAll(endpoints);
                }
            }
            if (all.isEmpty()) {
                result.completeExceptionally(new UnknownHostException("no address found for " + String.join(", ", hosts)));
            } else {
                result.complete(all);
            }
        });
    }

    private static List<Mx> mxRecords(DnsResponse response) {
        List<Mx> mxs = new ArrayList<>();
        int count = response.count(DnsSection.ANSWER);
        for (int i = 0; i < count; i++) {
            DnsRecord record = response.recordAt(DnsSection.ANSWER, i);
            if (record.type() == DnsRecordType.MX && record instanceof DnsRawRecord raw) {
                ByteBuf content = raw.content().duplicate();
                int preference = content.readUnsignedShort();
                mxs.add(new Mx(preference, readName(content)));
            }
        }
        mxs.sort(Comparator.comparingInt(Mx::preference)); // stable: equal preferences keep DNS order
        return mxs;
    }

    /** An uncompressed domain name (Netty decompresses MX targets), without the trailing dot. */
    private static String readName(ByteBuf in) {
        StringBuilder name = new StringBuilder();
        while (in.isReadable()) {
            int length = in.readUnsignedByte();
            if (length == 0) {
                break;
            }
            if ((length & 0xC0) != 0 || in.readableBytes() < length) {
                throw new IllegalArgumentException("malformed name in MX record");
            }
            if (name.length() > 0) {
                name.append('.');
            }
            name.append(in.readCharSequence(length, StandardCharsets.US_ASCII));
        }
        return name.toString().toLowerCase(Locale.ROOT);
    }

    private static InetAddress toAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void close() {
        resolver.close();
    }
}
