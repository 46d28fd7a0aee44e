@NullMarked
package io.llm402.domain.channel.api;

import org.jspecify.annotations.NullMarked;
