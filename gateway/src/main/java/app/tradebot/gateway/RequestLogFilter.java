package app.tradebot.gateway;

import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import app.tradebot.runtime.RequestIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id (a sane incoming X-Request-Id, else a new UUID) that the response
 * carries back, every log line of the request shows (MDC key {@value #MDC_KEY}) and the function
 * gets as {@code requestContext.requestId}; and writes one access log line per request on logger
 * {@value AsyncAccessLog#LOGGER}, written from a thread of its own ({@link AsyncAccessLog}).
 */
final class RequestLogFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Request-Id";
    static final String MDC_KEY = RequestIds.MDC_KEY;
    static final String ATTRIBUTE = RequestLogFilter.class.getName() + ".requestId";

    private static final Logger access = LoggerFactory.getLogger(AsyncAccessLog.LOGGER);

    static String requestId(HttpServletRequest request) {
        Object id = request.getAttribute(ATTRIBUTE);
        return id == null ? newId() : id.toString();
    }

    /**
     * A version 4 UUID from the thread's own generator. A request id names a request and guards
     * nothing, and {@link UUID#randomUUID()} reads SecureRandom under a lock that every request queued for.
     */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long started = System.nanoTime();
        String incoming = request.getHeader(HEADER);
        String id = RequestIds.isSane(incoming) ? incoming : newId();
        request.setAttribute(ATTRIBUTE, id);
        response.setHeader(HEADER, id);
        MDC.put(MDC_KEY, id);
        CountingResponse counted = new CountingResponse(response);
        int status = 0;
        try {
            chain.doFilter(request, counted);
            status = counted.getStatus();
        }
        catch (IOException | ServletException | RuntimeException e) {
            status = 500;
            throw e;
        }
        finally {
            long millis = (System.nanoTime() - started) / 1_000_000;
            access.info("method={} path={} status={} bytes={} durationMs={} requestId={} sourceIp={}",
                    request.getMethod(), request.getRequestURI(), status, counted.bytes(), millis, id,
                    request.getRemoteAddr());
            MDC.remove(MDC_KEY);
        }
    }

    /** Counts the body bytes written through the output stream. */
    private static final class CountingResponse extends HttpServletResponseWrapper {

        private ServletOutputStream counting;
        private long bytes;

        CountingResponse(HttpServletResponse response) {
            super(response);
        }

        long bytes() {
            return bytes;
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (counting == null) {
                ServletOutputStream out = super.getOutputStream();
                counting = new ServletOutputStream() {

                    @Override
                    public void write(int b) throws IOException {
                        out.write(b);
                        bytes++;
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                        bytes += len;
                    }

                    @Override
                    public void flush() throws IOException {
                        out.flush();
                    }

                    @Override
                    public void close() throws IOException {
                        out.close();
                    }

                    @Override
                    public boolean isReady() {
                        return out.isReady();
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                        out.setWriteListener(listener);
                    }
                };
            }
            return counting;
        }
    }
}
