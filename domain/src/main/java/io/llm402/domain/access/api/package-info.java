@NullMarked
package io.llm402.domain.access.api;

import org.jspecify.annotations.NullMarked;
