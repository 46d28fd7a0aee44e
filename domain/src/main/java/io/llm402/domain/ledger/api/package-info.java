@NullMarked
package io.llm402.domain.ledger.api;

import org.jspecify.annotations.NullMarked;
