@NullMarked
package io.llm402.domain.account;

import org.jspecify.annotations.NullMarked;
