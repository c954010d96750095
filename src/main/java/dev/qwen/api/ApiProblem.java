package dev.qwen.api;

import java.util.Map;

/**
 * A failure the service reports on purpose: an HTTP status, the contract's code, a title and a detail
 * fit for the caller, and optional extra members (e.g. the last {@code extraction}).
 */
public class ApiProblem extends RuntimeException {

    private final int status;
    private final String code;
    private final String title;
    private final Map<String, Object> extra;
    private final Long retryAfterSeconds;

    public ApiProblem(int status, String code, String title, String detail) {
        this(status, code, title, detail, Map.of(), null);
    }

    public ApiProblem(int status, String code, String title, String detail, Map<String, Object> extra,
            Long retryAfterSeconds) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.title = title;
        this.extra = extra;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiProblem invalidRequest(String detail) {
        return new ApiProblem(400, "invalid_request", "Invalid request", detail);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public Map<String, Object> extra() {
        return extra;
    }

    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
