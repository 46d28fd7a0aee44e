@NullMarked
package io.llm402.domain.settings;

import org.jspecify.annotations.NullMarked;
