@NullMarked
package io.llm402.domain.access;

import org.jspecify.annotations.NullMarked;
