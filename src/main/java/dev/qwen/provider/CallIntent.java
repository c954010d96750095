package dev.qwen.provider;

import dev.langchain4j.model.chat.request.ChatRequest;

/**
 * What the caller of one model call asks for, in the caller's terms: thinking (with an optional budget),
 * the tool choice ({@code auto}, {@code none}, {@code required} or a tool's name), whether several tool
 * calls may come at once, whether a forced choice the provider ignored is asked again (the agent, which runs
 * the tools) or passed back as it came (the OpenAI-compatible endpoint, whose caller runs them), the caller's
 * seed and end-user id, for a streamed call who hears the text as it arrives and what stops it, and for a typed
 * call what its answer must hold beyond the schema ({@link ReplyCheck}).
 * {@link UpstreamCall#resolve} turns it into the one decision about the upstream call. Built by name:
 * {@code CallIntent.builder().thinking(true).toolChoice("getOrder").build()}.
 */
public record CallIntent(boolean thinking, Integer thinkingBudget, String toolChoice, Boolean parallelToolCalls,
        boolean enforceToolChoice, Integer seed, String user, StreamListener listener, Cancellation cancellation,
        ReplyCheck replyCheck) {

    /** Typed calls and classification: no thinking, the model decides about tools. */
    public static final CallIntent DEFAULT = builder().build();

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().thinking(thinking, thinkingBudget).toolChoice(toolChoice)
                .parallelToolCalls(parallelToolCalls).enforceToolChoice(enforceToolChoice).seed(seed).user(user)
                .streamTo(listener, cancellation).checkedBy(replyCheck);
    }

    /** Whether the choice forces a call: {@code required} or a tool's name. */
    public boolean forcesCall() {
        return !"auto".equals(toolChoice) && !"none".equals(toolChoice);
    }

    /** The same intent with another tool choice (a forced choice applies to the first call of a turn only). */
    public CallIntent withToolChoice(String choice) {
        return toBuilder().toolChoice(choice).build();
    }

    /** {@code request} carrying this intent, for {@link QwenChatModel}. */
    public ChatRequest attachTo(ChatRequest request) {
        return request.toBuilder().parameters(IntentParameters.of(request.parameters(), this)).build();
    }

    /** The intent {@code request} carries, or {@link #DEFAULT}. */
    static CallIntent of(ChatRequest request) {
        return request.parameters() instanceof IntentParameters carrying ? carrying.intent() : DEFAULT;
    }

    public static final class Builder {
        private boolean thinking;
        private Integer thinkingBudget;
        private String toolChoice = "auto";
        private Boolean parallelToolCalls;
        private boolean enforceToolChoice = true;
        private Integer seed;
        private String user;
        private StreamListener listener;
        private Cancellation cancellation;
        private ReplyCheck replyCheck = ReplyCheck.NONE;

        private Builder() {
        }

        /** Thinking on or off; a budget only counts with thinking on. */
        public Builder thinking(boolean on, Integer budget) {
            this.thinking = on;
            this.thinkingBudget = on ? budget : null;
            return this;
        }

        public Builder thinking(boolean on) {
            return thinking(on, null);
        }

        public Builder toolChoice(String choice) {
            this.toolChoice = choice == null ? "auto" : choice;
            return this;
        }

        public Builder parallelToolCalls(Boolean parallel) {
            this.parallelToolCalls = parallel;
            return this;
        }

        /**
         * Whether a forced choice that came back without the call is asked once more (default), or the answer
         * is passed back as it came.
         */
        public Builder enforceToolChoice(boolean enforce) {
            this.enforceToolChoice = enforce;
            return this;
        }

        public Builder seed(Integer seed) {
            this.seed = seed;
            return this;
        }

        public Builder user(String user) {
            this.user = user;
            return this;
        }

        /** Streams the call: text to {@code listener} as it arrives; {@code cancellation} stops it. */
        public Builder streamTo(StreamListener listener, Cancellation cancellation) {
            this.listener = listener;
            this.cancellation = cancellation;
            return this;
        }

        /** A typed call whose answer must also pass {@code check}. */
        public Builder checkedBy(ReplyCheck check) {
            this.replyCheck = check == null ? ReplyCheck.NONE : check;
            return this;
        }

        public CallIntent build() {
            return new CallIntent(thinking, thinkingBudget, toolChoice, parallelToolCalls, enforceToolChoice, seed,
                    user, listener, cancellation, replyCheck);
        }
    }
}
