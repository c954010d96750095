package dev.qwen.common;

/**
 * How a tool learns the write key of the request that runs it (see {@code RequestTrail#writeKey}): an entry
 * of LangChain4j's {@code InvocationParameters}, the library's seam for passing data of one call to its tools.
 * A tool that writes makes a repeat under the same key a no-op that answers as the first did.
 */
public final class WriteKey {

    /** The invocation parameter's name; absent when the request had no {@code Idempotency-Key}. */
    public static final String PARAMETER = "qwen.write-key";

    private WriteKey() {
    }
}
