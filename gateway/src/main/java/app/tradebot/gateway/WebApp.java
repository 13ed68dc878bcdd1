package app.tradebot.gateway;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import app.tradebot.runtime.ConditionalOnRole;
import app.tradebot.runtime.Roles;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.PathResourceResolver;

/**
 * The web app (built from {@code frontend/} into the jar by {@code mvn package}) at {@code /}, next
 * to the API. A path that is neither an API route nor a file of the app is one of the app's own
 * routes (history API), so it gets {@code index.html}; a missing file under {@code /assets/} stays a 404,
 * and nothing under {@code /api} or {@code /actuator} is ever answered with the app.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(Roles.GATEWAY)
class WebApp implements WebMvcConfigurer {

    static final String LOCATION = "classpath:/app/tradebot/gateway/webapp/";
    static final String INDEX = "index.html";

    /** Paths that are never the app's: the API, and the Actuator, which lives on the management port only. */
    private static final List<String> NOT_THE_APP = List.of("api", "actuator");

    /** Requests the gateway leaves to the app when no API route matches them. */
    static boolean serves(String method, String path) {
        return ("GET".equals(method) || "HEAD".equals(method)) && !reserved(path.startsWith("/") ? path.substring(1) : path);
    }

    private static boolean reserved(String resourcePath) {
        return NOT_THE_APP.stream().anyMatch(prefix -> resourcePath.equals(prefix) || resourcePath.startsWith(prefix + "/"));
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        // A resource handler takes "/" for an empty, invalid path: the root is forwarded to the page.
        registry.addViewController("/").setViewName("forward:/" + INDEX);
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        // Vite fingerprints every bundle: the same name never holds other bytes.
        registry.addResourceHandler("/assets/**")
                .addResourceLocations(LOCATION + "assets/")
                .setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
        registry.addResourceHandler("/**")
                .addResourceLocations(LOCATION)
                .setCacheControl(CacheControl.noCache())
                .resourceChain(true)
                .addResolver(new HistoryFallback());
    }

    private static final class HistoryFallback extends PathResourceResolver {

        @Override
        protected Resource getResource(String resourcePath, Resource location) throws IOException {
            Resource file = super.getResource(resourcePath, location);
            if (file != null) {
                return file;
            }
            if (reserved(resourcePath) || resourcePath.startsWith("assets/")) {
                return null;
            }
            Resource index = location.createRelative(INDEX);
            return index.exists() && index.isReadable() ? index : null;
        }
    }
}
