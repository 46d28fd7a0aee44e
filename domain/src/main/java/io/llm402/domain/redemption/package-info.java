/** Redemption codes: issued in batches by admins, redeemed once by a user into their wallet. */
@NullMarked
package io.llm402.domain.redemption;

import org.jspecify.annotations.NullMarked;
