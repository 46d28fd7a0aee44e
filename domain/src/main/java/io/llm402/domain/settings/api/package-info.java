@NullMarked
package io.llm402.domain.settings.api;

import org.jspecify.annotations.NullMarked;
