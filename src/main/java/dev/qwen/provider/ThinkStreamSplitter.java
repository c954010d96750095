package dev.qwen.provider;

/**
 * {@link ReasoningStripper} for a stream: content arrives in pieces, and a {@code <think>} tag may be
 * cut across two of them. Text inside the block goes to {@link StreamListener#onReasoning}, the rest to
 * {@link StreamListener#onToken}; a partial tag is held back until the next piece decides it.
 */
final class ThinkStreamSplitter {

    private static final String OPEN = "<think>";
    private static final String CLOSE = "</think>";

    private enum State {
        START, THINKING, ANSWER_START, ANSWER
    }

    private final StreamListener listener;
    private final StringBuilder pending = new StringBuilder();
    private State state = State.START;

    ThinkStreamSplitter(StreamListener listener) {
        this.listener = listener;
    }

    void feed(String piece) {
        pending.append(piece);
        drain(false);
    }

    void finish() {
        drain(true);
    }

    private void drain(boolean end) {
        while (!pending.isEmpty()) {
            switch (state) {
                case START -> {
                    String text = pending.toString().stripLeading();
                    if (text.startsWith(OPEN)) {
                        pending.setLength(0);
                        pending.append(text.substring(OPEN.length()));
                        state = State.THINKING;
                    } else if (!end && OPEN.startsWith(text)) {
                        return; // could still become <think>
                    } else {
                        state = State.ANSWER;
                    }
                }
                case THINKING -> {
                    int close = pending.indexOf(CLOSE);
                    if (close >= 0) {
                        emitReasoning(pending.substring(0, close));
                        pending.delete(0, close + CLOSE.length());
                        state = State.ANSWER_START;
                    } else {
                        int keep = end ? 0 : partialSuffix(pending, CLOSE);
                        emitReasoning(pending.substring(0, pending.length() - keep));
                        pending.delete(0, pending.length() - keep);
                        return;
                    }
                }
                case ANSWER_START -> {
                    String text = pending.toString().stripLeading();
                    pending.setLength(0);
                    if (text.isEmpty()) {
                        return;
                    }
                    pending.append(text);
                    state = State.ANSWER;
                }
                case ANSWER -> {
                    listener.onToken(pending.toString());
                    pending.setLength(0);
                }
            }
        }
    }

    private void emitReasoning(String text) {
        if (!text.isEmpty()) {
            listener.onReasoning(text);
        }
    }

    /** How many trailing characters could be the start of {@code tag}. */
    private static int partialSuffix(CharSequence text, String tag) {
        for (int n = Math.min(tag.length() - 1, text.length()); n > 0; n--) {
            if (tag.startsWith(text.subSequence(text.length() - n, text.length()).toString())) {
                return n;
            }
        }
        return 0;
    }
}
