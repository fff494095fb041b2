package org.glancej.config;

/** A configuration file that cannot be read or holds a bad value for an option we honour. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    public static ConfigException badValue(String section, String option, String value, String why) {
        return new ConfigException("invalid value for [" + section + "] " + option + " = " + value + ": " + why);
    }
}
