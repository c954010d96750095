package dev.qwen.openai;

/** A chat-completions request this service cannot take; {@code param} names the offending field. */
public class OpenAiRequestException extends RuntimeException {

    private final String param;

    public OpenAiRequestException(String param, String message) {
        super(message, null, false, false);
        this.param = param;
    }

    public String param() {
        return param;
    }
}
