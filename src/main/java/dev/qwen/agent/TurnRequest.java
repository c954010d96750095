package dev.qwen.agent;

import java.util.Set;

import dev.qwen.common.Caller;
import dev.qwen.provider.CallIntent;

/**
 * One turn as asked: on which session (null for a turn without memory), for whom, with which instructions,
 * the user's message, the caller's policy for the model calls and the tools it may use (null: all). Built by name:
 * {@code TurnRequest.builder().session(id).caller(caller).system(SYSTEM).message(text).intent(intent).build()}.
 */
public record TurnRequest(String sessionId, Caller caller, String system, String message, CallIntent intent,
        Set<String> tools) {

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private String sessionId;
        private Caller caller = new Caller("anonymous", null);
        private String system;
        private String message;
        private CallIntent intent = CallIntent.DEFAULT;
        private Set<String> tools;

        private Builder() {
        }

        public Builder session(String sessionId) {
            this.sessionId = sessionId;
            return this;
        }

        public Builder caller(Caller caller) {
            this.caller = caller;
            return this;
        }

        public Builder system(String system) {
            this.system = system;
            return this;
        }

        public Builder message(String message) {
            this.message = message;
            return this;
        }

        public Builder intent(CallIntent intent) {
            this.intent = intent;
            return this;
        }

        /** Only these tools are offered and run in the turn. */
        public Builder tools(Set<String> tools) {
            this.tools = Set.copyOf(tools);
            return this;
        }

        public TurnRequest build() {
            return new TurnRequest(sessionId, caller, system, message, intent, tools);
        }
    }
}
