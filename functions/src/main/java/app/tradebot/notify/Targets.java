package app.tradebot.notify;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Which webhook URLs we send to. A target must be http(s) and at most {@value #MAX_LENGTH} characters,
 * and, unless the operator allows private targets, every address its host resolves to must be public:
 * no loopback, link-local (cloud metadata), private, shared (carrier-grade NAT), unique-local,
 * multicast or unspecified address. Checked when the webhook is created and again before every
 * attempt, since a name can resolve elsewhere later; redirects are never followed.
 */
final class Targets {

    static final int MAX_LENGTH = 2048;

    /** Resolves a host name to its addresses; a test may pin names. */
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final boolean allowPrivate;
    private final Resolver resolver;

    Targets(boolean allowPrivate) {
        this(allowPrivate, InetAddress::getAllByName);
    }

    Targets(boolean allowPrivate, Resolver resolver) {
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    /** Why {@code url} may not be a webhook's target, or empty when it may. */
    Optional<String> refusal(String url) {
        if (url.length() > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        }
        catch (URISyntaxException e) {
            return Optional.of("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("must be an http or https URL");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            return Optional.of("must be an http or https URL with a host and no user name or password");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of("must not have a fragment");
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        }
        catch (UnknownHostException e) {
            return Optional.of("host " + host + " does not resolve");
        }
        if (allowPrivate) {
            return Optional.empty();
        }
        for (InetAddress address : addresses) {
            Optional<String> kind = forbidden(address);
            if (kind.isPresent()) {
                return Optional.of("must not point at a " + kind.get() + " address (" + host + " is "
                        + address.getHostAddress() + ")");
            }
        }
        return Optional.empty();
    }

    /** The class of a non-public address, or empty for a public one. */
    static Optional<String> forbidden(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            return Optional.of("unspecified");
        }
        if (address.isLoopbackAddress()) {
            return Optional.of("loopback");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("link-local");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("multicast");
        }
        if (address.isSiteLocalAddress()) {
            return Optional.of("private");
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0) {
                return Optional.of("unspecified");
            }
            if (first == 100 && second >= 64 && second < 128) {
                return Optional.of("private");
            }
            if (first >= 240) {
                return Optional.of("reserved");
            }
        }
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return Optional.of("private");
            }
            if (isMappedOrCompatible(b)) {
                try {
                    byte[] v4 = {b[12], b[13], b[14], b[15]};
                    return forbidden(InetAddress.getByAddress(v4));
                }
                catch (UnknownHostException e) {
                    return Optional.of("reserved");
                }
            }
        }
        return Optional.empty();
    }

    /** ::ffff:a.b.c.d, which reaches the IPv4 address a.b.c.d. */
    private static boolean isMappedOrCompatible(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] == (byte) 0xff && b[11] == (byte) 0xff);
    }
}
