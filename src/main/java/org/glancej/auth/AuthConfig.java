package org.glancej.auth;

import java.util.List;
import org.glancej.config.ConfigFile;

/** {@code [paste_deploy] flavor}: empty means no authentication (every request is an admin context). */
public record AuthConfig(Flavor flavor) {

    public enum Flavor { NONE, KEYSTONE }

    public static AuthConfig from(ConfigFile conf) {
        String flavor = conf.choice("paste_deploy", "flavor", "", List.of("", "keystone"));
        return new AuthConfig(flavor.isEmpty() ? Flavor.NONE : Flavor.KEYSTONE);
    }

    public boolean authenticated() {
        return flavor == Flavor.KEYSTONE;
    }
}
