@NullMarked
package io.llm402.domain.payment.api;

import org.jspecify.annotations.NullMarked;
