package org.glancej.policy;

import java.util.List;
import org.glancej.auth.RequestContext;

/** The callers of the policy tests: Keystone tokens as keystonemiddleware reports them (implied roles included). */
final class Personas {
    static final RequestContext ADMIN = RequestContext.project("admin-user", "p1", List.of("admin", "member", "reader"), true);
    static final RequestContext MEMBER = RequestContext.project("member-user", "p1", List.of("member", "reader"), false);
    static final RequestContext READER = RequestContext.project("reader-user", "p1", List.of("reader"), false);
    /** A member of another project. */
    static final RequestContext OTHER = RequestContext.project("other-user", "p2", List.of("member", "reader"), false);
    static final RequestContext OTHER_READER = RequestContext.project("other-reader", "p2", List.of("reader"), false);
    static final RequestContext SERVICE = RequestContext.project("nova", "services", List.of("service"), false);
    /** A system-scoped admin: no project, system scope "all". */
    static final RequestContext SYSTEM_ADMIN = new RequestContext(null, "sys-admin", null, "default", null, null, null,
            null, "all", List.of("admin", "member", "reader"), true);
    static final RequestContext DOMAIN_MEMBER = new RequestContext(null, "dom-user", null, "d1", null, null, null,
            "d1", null, List.of("member", "reader"), false);

    private Personas() {
    }
}
