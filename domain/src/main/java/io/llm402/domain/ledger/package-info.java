@NullMarked
package io.llm402.domain.ledger;

import org.jspecify.annotations.NullMarked;
