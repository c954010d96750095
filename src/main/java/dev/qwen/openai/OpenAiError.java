package dev.qwen.openai;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure in OpenAI's error shape, {@code {"error": {"message", "type", "param", "code"}}}, for everything
 * under {@code /v1/**}. The type follows the HTTP status as OpenAI's SDKs expect it; the code is the
 * service's own (the same as in its problem responses).
 */
public record OpenAiError(int status, String message, String type, String param, String code) {

    public static OpenAiError of(int status, String code, String message, String param) {
        String type = switch (status) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 429 -> "rate_limit_error";
            default -> status >= 400 && status < 500 ? "invalid_request_error" : "api_error";
        };
        return new OpenAiError(status, message, type, param, code);
    }

    public Map<String, Object> body() {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", type);
        error.put("param", param);
        error.put("code", code);
        return Map.of("error", error);
    }
}
