@NullMarked
package io.llm402.domain.channel;

import org.jspecify.annotations.NullMarked;
