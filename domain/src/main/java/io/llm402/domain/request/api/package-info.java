/** Facts about relay requests that no aggregate decides (a request's own lifecycle is in the ledger's events). */
@NullMarked
package io.llm402.domain.request.api;

import org.jspecify.annotations.NullMarked;
