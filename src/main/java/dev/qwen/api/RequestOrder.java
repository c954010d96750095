package dev.qwen.api;

/**
 * The order in which the HTTP layer handles a request, in one place. Each step may refuse the request, and a
 * request refused by a step never reaches the steps after it: in particular, nothing before
 * {@link #IDEMPOTENCY} (or, on {@code /mcp}, before the tool) writes to the state store except the key's own
 * limits, and only for a caller that authenticated.
 *
 * <ol>
 * <li>Vert.x routes, before Quarkus REST sees the request:
 * <ol>
 * <li>{@link #DECLARED_SIZE}: a declared {@code Content-Length} over the body limit ({@link BodyLimit});</li>
 * <li>{@link #REQUEST_SHAPE}: a malformed or over-long URI, over-large headers, a malformed query string
 * ({@link HttpRefusals});</li>
 * <li>{@link #BODY}: the body of an API or MCP POST is read, within the limit, on the event loop
 * ({@link BodyLimit});</li>
 * <li>{@link #SHUTDOWN}: an instance that is stopping refuses new calls, and counts the calls it serves
 * ({@link GracefulShutdown}).</li>
 * </ol>
 * </li>
 * <li>Quarkus REST request filters, by priority (the business API and {@code /v1}):
 * <ol>
 * <li>{@link #REQUEST_ID}: the request's id, for every log line and the answer ({@link RequestIdFilter});</li>
 * <li>{@link #AUTHENTICATION}: the API key, through Quarkus Security ({@link ApiKeyFilter});</li>
 * <li>{@link #KEY_LIMITS}: the key's requests per minute and tokens per day ({@link KeyLimitsFilter});</li>
 * <li>{@link #IDEMPOTENCY}: the {@code Idempotency-Key} claimed, or its recorded answer replayed
 * ({@link IdempotencyClaims});</li>
 * </ol>
 * </li>
 * <li>{@code /mcp} is a Vert.x route of the MCP extension, which the Quarkus REST filters never see. After Quarkus
 * Security's own handlers (which only prepare the lazy identity), Vert.x routes take the same steps for it
 * ({@link McpDoor}):
 * <ol>
 * <li>{@link #MCP_AUTHENTICATION}: the request's id, then the API key, refused with the same 401;</li>
 * <li>{@link #MCP_KEY_LIMITS}: the key's limits, as for the API;</li>
 * <li>{@link #MCP_TRANSPORT}: what the transport accepts (a POST to {@code /mcp} itself, with JSON in and
 * {@code Accept} for JSON and event streams, from no foreign {@code Origin});</li>
 * <li>{@link #MCP_MESSAGE}: the body is one well-formed JSON-RPC message, else the protocol's JSON-RPC error
 * ({@code dev.qwen.mcp.JsonRpcGuard}).</li>
 * </ol>
 * </li>
 * <li>The resource; on {@code /mcp}, the extension, which calls a tool ({@code dev.qwen.mcp.McpTools}).</li>
 * </ol>
 */
public final class RequestOrder {

    static final int DECLARED_SIZE = Integer.MIN_VALUE;
    static final int REQUEST_SHAPE = Integer.MIN_VALUE + 1;
    static final int BODY = Integer.MIN_VALUE + 2;
    static final int SHUTDOWN = Integer.MIN_VALUE + 3;

    static final int REQUEST_ID = 100;
    static final int AUTHENTICATION = 500;
    static final int KEY_LIMITS = 600;
    static final int IDEMPOTENCY = 700;

    // Vert.x route orders between Quarkus Security's handlers and the MCP extension's own route.
    static final int MCP_AUTHENTICATION = -60;
    static final int MCP_KEY_LIMITS = -50;
    static final int MCP_TRANSPORT = -40;
    /** Public: the step that knows JSON-RPC lives with the MCP tools. */
    public static final int MCP_MESSAGE = -30;

    private RequestOrder() {
    }
}
