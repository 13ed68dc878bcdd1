package app.tradebot.gateway;

import jakarta.servlet.DispatcherType;

import app.tradebot.runtime.ConditionalOnRole;
import app.tradebot.runtime.FunctionInvocations;
import app.tradebot.runtime.Roles;
import app.tradebot.runtime.Template;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * The local API Gateway, present when this process plays role {@value Roles#GATEWAY}. Its filters
 * run before any other, so Spring MVC only ever sees the gateway's own documentation paths.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(Roles.GATEWAY)
@EnableConfigurationProperties(GatewayProperties.class)
class GatewayConfiguration {

    @Bean
    RouteTable routeTable(Template template, FunctionCatalog catalog) {
        return RouteTable.of(template, catalog);
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemReports() {
        return ErrorProblems.problemReports();
    }

    @Bean
    FilterRegistrationBean<RequestLogFilter> requestLogFilter() {
        FilterRegistrationBean<RequestLogFilter> registration = new FilterRegistrationBean<>(new RequestLogFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Bean
    AsyncAccessLog asyncAccessLog() {
        return new AsyncAccessLog();
    }

    @Bean
    FilterRegistrationBean<ApiGatewayFilter> apiGatewayFilter(RouteTable routes, Template template,
            GatewayProperties properties, StringRedisTemplate redis, JsonMapper json, ObjectProvider<MeterRegistry> meters,
            @Value("${tradebot.frontend-url:http://localhost:3000}") String frontendUrl,
            @Value("${management.observations.http.server.requests.name:" + HttpServerRequests.DEFAULT_NAME + "}")
            String httpRequestsName) {
        MeterRegistry registry = meters.getIfUnique(SimpleMeterRegistry::new);
        ApiGatewayFilter filter = new ApiGatewayFilter(routes, new HttpApiEvents(properties),
                new CorsPolicy(template.cors(), frontendUrl), new RouteThrottle(redis), new LambdaAuthorizer(json),
                new LambdaResponses(json), new ProblemResponses(), properties.maxBodyBytes(),
                new FunctionInvocations(registry), template.authorizerFunction().orElse("authorizer"),
                new HttpServerRequests(registry, httpRequestsName));
        FilterRegistrationBean<ApiGatewayFilter> registration = new FilterRegistrationBean<>(filter);
        // Before Spring's form and hidden-method filters, which would read the body.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    /**
     * Spring Boot's HTTP server observation, as Boot would register it (which it no longer does, this one
     * being present) but after the gateway's filter: it observes only what the gateway passes on to Spring
     * MVC, and the gateway records the same meters for what it answers itself ({@link HttpServerRequests}).
     */
    @Bean
    FilterRegistrationBean<ServerHttpObservationFilter> httpServerObservationFilter(
            ObjectProvider<ObservationRegistry> observations,
            @Value("${management.observations.http.server.requests.name:" + HttpServerRequests.DEFAULT_NAME + "}")
            String name) {
        FilterRegistrationBean<ServerHttpObservationFilter> registration = new FilterRegistrationBean<>(
                new ServerHttpObservationFilter(observations.getIfUnique(() -> ObservationRegistry.NOOP),
                        new DefaultServerRequestObservationConvention(name)));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
        return registration;
    }
}
