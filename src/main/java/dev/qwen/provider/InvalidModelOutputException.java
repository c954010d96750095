package dev.qwen.provider;

/** The model's answer could not be turned into the typed result, even after one repair round. */
public class InvalidModelOutputException extends RuntimeException {

    public InvalidModelOutputException(String detail) {
        super(detail, null, false, false);
    }
}
