package dev.qwen.common;

/** A request the contract refuses for a reason its validation annotations cannot express ({@code 400 invalid_request}). */
public class InvalidRequestException extends RuntimeException {

    public InvalidRequestException(String detail) {
        super(detail, null, false, false);
    }
}
