package org.glancej.policy;

/**
 * A check that cannot be evaluated where oslo.policy would raise (a malformed {@code %} template, a left
 * side that is not Python, a credential path through a non-dictionary, a remote check). Upstream the whole
 * request then fails; here the whole decision denies, so that an enclosing {@code not} or {@code or}
 * cannot turn the error into an allow.
 */
final class CheckError extends RuntimeException {
    CheckError(String message) {
        super(message, null, false, false);
    }
}
