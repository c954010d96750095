package dev.qwen.api;

import java.util.Map;

/**
 * A failure as the caller sees it: an HTTP status, the contract's code, a title and a detail fit to show,
 * extra members (e.g. the last {@code extraction}) and, when the caller should wait, how long.
 */
public record Problem(int status, String code, String title, String detail, Map<String, Object> extra,
        Long retryAfterSeconds) {

    public Problem(int status, String code, String title, String detail) {
        this(status, code, title, detail, Map.of(), null);
    }

    static Problem invalidRequest(String detail) {
        return new Problem(400, "invalid_request", "Invalid request", detail);
    }
}
