package org.glancej.http.versions;

import static java.util.Objects.requireNonNull;

/** One entry of the versions document: a minor version of the v2 API and whether it is the current one. */
public record ApiVersion(String number, Status status) {
    public enum Status { CURRENT, SUPPORTED }

    public ApiVersion {
        requireNonNull(number, "number is null");
        requireNonNull(status, "status is null");
    }

    public static ApiVersion current(String number) {
        return new ApiVersion(number, Status.CURRENT);
    }

    public static ApiVersion supported(String number) {
        return new ApiVersion(number, Status.SUPPORTED);
    }

    /** The id clients see, e.g. {@code v2.17}; also a URL prefix upstream routes to the v2 API. */
    public String id() {
        return "v" + number;
    }
}
