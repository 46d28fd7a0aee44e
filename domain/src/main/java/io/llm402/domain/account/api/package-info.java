@NullMarked
package io.llm402.domain.account.api;

import org.jspecify.annotations.NullMarked;
