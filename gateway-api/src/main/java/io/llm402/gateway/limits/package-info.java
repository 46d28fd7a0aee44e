/**
 * Request rate limits: new-api's per-user model request limits (a total that counts failures and a success count),
 * per-address limits for unauthenticated work, and the port to the cluster-wide store that counts them
 * ({@link io.llm402.gateway.limits.RequestLimiter}, implemented on Hazelcast in {@code ops}).
 */
@NullMarked
package io.llm402.gateway.limits;

import org.jspecify.annotations.NullMarked;
