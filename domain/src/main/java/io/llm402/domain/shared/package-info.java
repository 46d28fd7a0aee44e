@NullMarked
package io.llm402.domain.shared;

import org.jspecify.annotations.NullMarked;
