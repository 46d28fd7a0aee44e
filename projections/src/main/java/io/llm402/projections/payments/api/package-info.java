@NullMarked
package io.llm402.projections.payments.api;

import org.jspecify.annotations.NullMarked;
