package org.glancej.store.vmware;

/** A fault the vSphere API answered, by its type name without the "Fault" suffix (e.g. {@code InvalidLogin}). */
final class VimFault extends RuntimeException {
    private final String type;

    VimFault(String type, String message) {
        super(message.isEmpty() ? type : type + ": " + message);
        this.type = type;
    }

    String type() {
        return type;
    }

    boolean is(String faultType) {
        return type.equals(faultType);
    }
}
