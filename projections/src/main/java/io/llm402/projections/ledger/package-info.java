@NullMarked
package io.llm402.projections.ledger;

import org.jspecify.annotations.NullMarked;
