package io.llm402.domain.request.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.jspecify.annotations.Nullable;

/**
 * A relay request with a known API key was refused before any upstream call: its key expired or disabled, its owner
 * disabled, a model outside its allow-list, not enough balance or limit (DESIGN §4: rejected requests are events too).
 * Requests with an unknown key leave no event, so guessing keys cannot fill the store.
 *
 * @param model      the model asked for; {@code null} when the request was refused before its body was read
 * @param httpStatus what the client was answered (401, 402, 403, 429)
 * @param code       the error code in the answer, for example {@code insufficient_quota}
 */
@Revision("1")
public record RequestRejectedEvent(String requestId, String tokenId, String userId, @Nullable String model,
                                   int httpStatus, String code, Instant rejectedAt) {
}
