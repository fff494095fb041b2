package org.glancej.images.protection;

import java.util.Locale;

/** The four operations a protection file grants, one option each in every section. */
public enum PropertyOperation {
    CREATE, READ, UPDATE, DELETE;

    /** The option name in the protection file. */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
