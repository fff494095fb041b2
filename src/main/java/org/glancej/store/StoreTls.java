package org.glancej.store;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLContext;
import org.glancej.common.TlsTrust;
import org.glancej.config.ConfigException;

/** TLS for stores that name a CA bundle of their own ({@code s3_store_cacert}, {@code swift_store_cacert}, ...). */
public final class StoreTls {
    private StoreTls() {}

    /**
     * TLS trusting only the CAs of the PEM bundle that {@code option} names, as upstream's clients do with a
     * bundle; a bundle that cannot be read, or holds no certificate, is a configuration error naming the option.
     */
    public static SSLContext trusting(StoreSection options, String option, String bundle) {
        try {
            return TlsTrust.bundle(Path.of(bundle));
        } catch (IOException | GeneralSecurityException e) {
            throw ConfigException.badValue(options.sectionOf(option), option, bundle,
                    "cannot read a PEM CA bundle from it: " + e.getMessage());
        }
    }

    /** No check at all, any certificate for any name ({@code vmware_insecure}, {@code swift_store_auth_insecure}). */
    public static SSLContext trustingAnyone() {
        return TlsTrust.anyone();
    }
}
