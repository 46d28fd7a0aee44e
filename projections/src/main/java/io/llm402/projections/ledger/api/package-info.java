@NullMarked
package io.llm402.projections.ledger.api;

import org.jspecify.annotations.NullMarked;
