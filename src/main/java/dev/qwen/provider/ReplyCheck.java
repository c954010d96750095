package dev.qwen.provider;

import java.util.Optional;

/**
 * What a typed answer must hold beyond its JSON schema, in the typed call's own terms (an invoice's lines add
 * up). {@link QwenChatModel} asks it in the same repair loop as the schema, so a typed call has one budget of
 * model calls, whatever was wrong. Why a check handed to the model rather than a second round in the caller:
 * the caller's round came on top of the model's schema repair, and each round could repair again (four calls
 * for one answer). A typed AI service supplies it through its model supplier ({@link QwenModelSupplier}).
 */
@FunctionalInterface
public interface ReplyCheck {

    /** Every reply that fits its schema holds. */
    ReplyCheck NONE = reply -> Optional.empty();

    /**
     * What to tell the model about {@code reply} (JSON that fits the schema) so it answers again, correctly:
     * added to the request's last user message, so it should name what is wrong. Empty when the reply holds.
     */
    Optional<String> correction(String reply);
}
