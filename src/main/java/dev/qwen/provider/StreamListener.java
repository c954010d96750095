package dev.qwen.provider;

/** Receives a model call's output as it streams: reasoning and answer text, already told apart. */
public interface StreamListener {

    StreamListener NONE = new StreamListener() {
    };

    default void onReasoning(String text) {
    }

    default void onToken(String text) {
    }

    /**
     * Whether text of this kind reaches the caller. Once something has, a failing stream can be neither
     * retried nor failed over; reasoning the caller did not ask for does not count.
     */
    default boolean delivers(boolean reasoning) {
        return false;
    }
}
