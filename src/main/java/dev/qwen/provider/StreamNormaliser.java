package dev.qwen.provider;

import dev.langchain4j.data.message.AiMessage;

/**
 * {@link ReplyNormaliser}'s rules for a reply that is still arriving, piece by piece, so that a listener
 * hears reasoning as reasoning and answer text as answer text, and never markup:
 * <ul>
 * <li>a {@code <think>} block in content goes out as reasoning when thinking is on, unless the reasoning
 * field already carried it; a tag cut across two pieces ({@code "\n</think"}, then {@code ">{"}) is held until the next decides;</li>
 * <li>{@code <tool_call>} blocks are kept back (they become tool calls when the reply is complete);</li>
 * <li>blank lines before the answer, after the reasoning or after a block, are dropped;</li>
 * <li>with thinking off, reasoning-field text is held: if the reply turns out to have no other answer, it is
 * the answer, and {@link #finish} sends it as answer text;</li>
 * <li>with {@code holdText}, the answer is sent only at the end, and only if the reply is kept (a forced tool
 * choice answered without the call is asked again, and its text must not reach the caller).</li>
 * </ul>
 */
final class StreamNormaliser {

    private static final String THINK_OPEN = "<think>";
    private static final String THINK_CLOSE = "</think>";

    private enum State {
        START, THINKING, ANSWER_START, ANSWER, TOOL_CALL
    }

    private final StreamListener listener;
    private final boolean thinking;
    private final boolean holdText;
    private final StringBuilder pending = new StringBuilder();
    private final StringBuilder sent = new StringBuilder();
    private State state = State.START;
    private boolean reasoningField;
    private volatile boolean delivered;

    StreamNormaliser(StreamListener listener, boolean thinking, boolean holdText) {
        this.listener = listener;
        this.thinking = thinking;
        this.holdText = holdText;
    }

    /** A piece of the reasoning field ({@code reasoning_content} or {@code reasoning}). */
    void reasoning(String piece) {
        reasoningField = true;
        if (thinking) {
            emitReasoning(piece);
        }
    }

    /** A piece of content. */
    void content(String piece) {
        pending.append(piece);
        drain(false);
    }

    /** Whether the caller has seen any of this reply: then a failure can be neither retried nor failed over. */
    boolean delivered() {
        return delivered;
    }

    /**
     * The reply is complete and normalised: whatever of its answer the listener has not heard yet (a held
     * answer, or a misrouted one) goes out now, unless the reply is to be asked again.
     */
    void finish(AiMessage reply) {
        drain(true);
        if (holdText && !reply.hasToolExecutionRequests()) {
            return;
        }
        String answer = reply.text() == null ? "" : reply.text();
        if (answer.length() > sent.length() && answer.startsWith(sent.toString())) {
            emitToken(answer.substring(sent.length()));
        }
    }

    private void drain(boolean end) {
        while (!pending.isEmpty()) {
            switch (state) {
                case START, ANSWER_START -> {
                    int text = firstNonWhitespace(pending);
                    if (text < 0) {
                        if (end) {
                            pending.setLength(0);
                        }
                        return;
                    }
                    pending.delete(0, text);
                    if (state == State.START && startsWith(pending, THINK_OPEN)) {
                        pending.delete(0, THINK_OPEN.length());
                        state = State.THINKING;
                    } else if (state == State.START && !end && THINK_OPEN.startsWith(pending.toString())) {
                        return; // could still become <think>
                    } else {
                        state = State.ANSWER;
                    }
                }
                case THINKING -> {
                    int close = pending.indexOf(THINK_CLOSE);
                    int upTo = close >= 0 ? close : pending.length() - (end ? 0 : partialSuffix(pending, THINK_CLOSE));
                    if (thinking && !reasoningField) {
                        emitReasoning(pending.substring(0, upTo));
                    }
                    pending.delete(0, close >= 0 ? close + THINK_CLOSE.length() : upTo);
                    if (close < 0) {
                        return;
                    }
                    state = State.ANSWER_START;
                }
                case ANSWER -> {
                    int open = pending.indexOf(ToolCallMarkup.OPEN);
                    int upTo = open >= 0 ? open
                            : pending.length() - (end ? 0 : partialSuffix(pending, ToolCallMarkup.OPEN));
                    String text = pending.substring(0, upTo);
                    pending.delete(0, open >= 0 ? open + ToolCallMarkup.OPEN.length() : upTo);
                    if (open >= 0) {
                        // Text before a block may end in the blank line that separates them.
                        emitAnswer(text.stripTrailing());
                        state = State.TOOL_CALL;
                    } else {
                        emitAnswer(text);
                        return;
                    }
                }
                case TOOL_CALL -> {
                    int close = pending.indexOf(ToolCallMarkup.CLOSE);
                    if (close < 0) {
                        int keep = end ? 0 : partialSuffix(pending, ToolCallMarkup.CLOSE);
                        pending.delete(0, pending.length() - keep);
                        return;
                    }
                    pending.delete(0, close + ToolCallMarkup.CLOSE.length());
                    state = State.ANSWER_START;
                }
            }
        }
    }

    private void emitReasoning(String text) {
        if (!text.isEmpty()) {
            if (listener.delivers(true)) {
                delivered = true;
            }
            listener.onReasoning(text);
        }
    }

    private void emitAnswer(String text) {
        if (!holdText) {
            emitToken(text);
        }
    }

    private void emitToken(String text) {
        if (!text.isEmpty()) {
            sent.append(text);
            if (listener.delivers(false)) {
                delivered = true;
            }
            listener.onToken(text);
        }
    }

    private static int firstNonWhitespace(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(CharSequence text, String prefix) {
        return text.length() >= prefix.length() && text.subSequence(0, prefix.length()).toString().equals(prefix);
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
