package io.llm402.gateway.x402;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Whether the requirement a client echoed as {@code accepted} is one this server would issue for the request. The
 * client's copy is never trusted on its own: the server rebuilds its requirements and compares.
 */
public final class RequirementMatcher {

    private RequirementMatcher() {
    }

    /**
     * Scheme, network, amount and maxTimeoutSeconds exactly; asset and payTo ignoring case (checksummed or not, the
     * same address); and every key of our {@code extra} present in theirs with an equal value (extra keys of theirs
     * are allowed: clients may add to it).
     */
    public static boolean matches(PaymentRequirements accepted, PaymentRequirements ours) {
        return accepted.scheme().equals(ours.scheme())
                && accepted.network().equals(ours.network())
                && accepted.amount().equals(ours.amount())
                && accepted.asset().equalsIgnoreCase(ours.asset())
                && accepted.payTo().equalsIgnoreCase(ours.payTo())
                && accepted.maxTimeoutSeconds() == ours.maxTimeoutSeconds()
                && containsAll(accepted.extra(), ours.extra());
    }

    private static boolean containsAll(Map<String, Object> theirs, Map<String, Object> ours) {
        for (Map.Entry<String, Object> entry : ours.entrySet()) {
            if (!theirs.containsKey(entry.getKey()) || !jsonEquals(theirs.get(entry.getKey()), entry.getValue())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Equality of JSON values: numbers by value (JSON reads 2 as an Integer where configuration may hold a Long),
     * objects and arrays element by element.
     */
    private static boolean jsonEquals(@Nullable Object a, @Nullable Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (!x.keySet().equals(y.keySet())) {
                return false;
            }
            for (Map.Entry<?, ?> entry : x.entrySet()) {
                if (!jsonEquals(entry.getValue(), y.get(entry.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            Iterator<?> i = x.iterator();
            Iterator<?> j = y.iterator();
            while (i.hasNext()) {
                if (!jsonEquals(i.next(), j.next())) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(a, b);
    }
}
