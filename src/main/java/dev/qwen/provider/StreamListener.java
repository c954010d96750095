package dev.qwen.provider;

/** Receives a model call's output as it streams: reasoning and answer text, already told apart. */
public interface StreamListener {

    StreamListener NONE = new StreamListener() {
    };

    default void onReasoning(String text) {
    }

    default void onToken(String text) {
    }
}
