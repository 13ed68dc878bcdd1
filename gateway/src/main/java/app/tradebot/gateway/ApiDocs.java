package app.tradebot.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import app.tradebot.gateway.openapi.OpenApiDocument;
import app.tradebot.platform.http.ApiFunction;
import app.tradebot.runtime.ConditionalOnRole;
import app.tradebot.runtime.Roles;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The gateway's own routes, not template functions: the OpenAPI document generated from the
 * route table at {@value #OPENAPI}, and Swagger UI (from the swagger-ui webjar) at {@value #DOCS}.
 */
@RestController
@ConditionalOnRole(Roles.GATEWAY)
class ApiDocs implements WebMvcConfigurer {

    static final String OPENAPI = "/api/openapi.json";
    static final String DOCS = "/api/docs";

    private static final String SWAGGER_UI_PAGE = """
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <title>TradeBot API</title>
              <link rel="stylesheet" href="/api/docs/swagger-ui.css">
            </head>
            <body>
              <div id="swagger-ui"></div>
              <script src="/api/docs/swagger-ui-bundle.js"></script>
              <script>
                window.onload = () => {
                  window.ui = SwaggerUIBundle({ url: "%s", dom_id: "#swagger-ui" });
                };
              </script>
            </body>
            </html>
            """.formatted(OPENAPI);

    private final RouteTable routes;
    private final ListableBeanFactory beans;
    private final JsonMapper json;
    private volatile String document;

    ApiDocs(RouteTable routes, ListableBeanFactory beans, JsonMapper json) {
        this.routes = routes;
        this.beans = beans;
        this.json = json;
    }

    /** Paths the gateway leaves to Spring MVC. */
    static boolean serves(String path) {
        return path.equals(OPENAPI) || path.equals(DOCS) || path.startsWith(DOCS + "/");
    }

    @GetMapping(path = OPENAPI, produces = MediaType.APPLICATION_JSON_VALUE)
    String openApi() {
        String built = document;
        if (built == null) {
            // Built on first use: every function bean exists by then, and the route table never changes.
            built = json.writeValueAsString(OpenApiDocument.of("TradeBot API", "1", operations()));
            document = built;
        }
        return built;
    }

    @GetMapping(path = { DOCS, DOCS + "/" }, produces = MediaType.TEXT_HTML_VALUE)
    String swaggerUi() {
        return SWAGGER_UI_PAGE;
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler(DOCS + "/**")
                .addResourceLocations("classpath:/META-INF/resources/webjars/swagger-ui/" + swaggerUiVersion() + "/");
    }

    private List<OpenApiDocument.Operation> operations() {
        List<OpenApiDocument.Operation> operations = new ArrayList<>();
        for (RouteTable.Route route : routes.routes()) {
            String name = route.spec().function();
            ApiFunction api = beans.containsBean(name) && beans.getBean(name) instanceof ApiFunction f ? f : null;
            operations.add(new OpenApiDocument.Operation(route.spec().method(), route.path().openApiPath(),
                    route.path().parameterNames(), name, route.spec().authorized(), route.throttle().limited(),
                    api == null ? null : api.requestType(), api == null ? null : api.responseType(),
                    api == null ? 200 : api.successStatus(), api == null ? "application/json" : api.requestMediaType(),
                    api == null ? List.of() : api.queryParameters()));
        }
        return operations;
    }

    private static String swaggerUiVersion() {
        try (InputStream in = ApiDocs.class.getResourceAsStream("/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("The swagger-ui webjar is not on the classpath");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        }
        catch (IOException e) {
            throw new IllegalStateException("Cannot read the swagger-ui webjar's version", e);
        }
    }
}
