/** x402 payments as read models: their progress, and which request or top-up each paid for. */
@NullMarked
package io.llm402.projections.payments;

import org.jspecify.annotations.NullMarked;
