package app.tradebot.platform.http;

import java.util.List;

/**
 * A query parameter a route reads, as the OpenAPI document describes it. {@code type} is a JSON
 * Schema type ({@code integer}, {@code string}).
 */
public record QueryParameter(String name, String type, String description) {

    /** {@code limit} and {@code cursor} of a route that answers page by page, newest first. */
    public static List<QueryParameter> paging(int defaultLimit, int maxLimit) {
        return List.of(
                new QueryParameter("limit", "integer",
                        "Rows per page: 1 to " + maxLimit + ", default " + defaultLimit + "."),
                new QueryParameter("cursor", "string", "The nextCursor of the page before; none for the first page."));
    }
}
