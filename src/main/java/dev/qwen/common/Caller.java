package dev.qwen.common;

import java.util.Objects;

import dev.langchain4j.invocation.InvocationParameters;

/**
 * Who a call acts for: the API key's name (never the key; {@code anonymous} when no keys are configured) and
 * the end customer the calling system authenticated, when it named one. Sessions and approvals belong to a
 * caller; the tools act on the customer's orders only. The customer reaches the tools as an entry of
 * LangChain4j's {@code InvocationParameters}, the library's seam for data of one call.
 *
 * @param customer null when the calling system named no customer: then the tools see every order
 */
public record Caller(String key, String customer) {

    /** What a customer id looks like, wherever a calling system names one. */
    public static final String CUSTOMER_ID_PATTERN = "[A-Za-z0-9_-]{1,64}";

    /** The invocation parameter that carries the customer; absent when there is none. */
    public static final String CUSTOMER_PARAMETER = "qwen.customer";

    /** The customer a tool call acts for, or null. */
    public static String customerOf(InvocationParameters parameters) {
        return parameters == null ? null : parameters.get(CUSTOMER_PARAMETER);
    }

    /** Whether this caller may see what {@code owner} started: the same key and the same customer (or none). */
    public boolean owns(Caller owner) {
        return owner != null && Objects.equals(key, owner.key()) && Objects.equals(customer, owner.customer());
    }
}
