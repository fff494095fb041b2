package org.glancej.metadefs;

import static java.util.Objects.requireNonNull;

import java.sql.SQLException;
import java.util.Objects;
import org.glancej.auth.RequestContext;
import org.glancej.common.GlanceException;
import org.glancej.policy.PolicyEnforcer;
import org.glancej.policy.PolicyTarget;

/**
 * Who may see and change which namespace, in upstream's two layers: the database layer shows a caller only
 * public namespaces and those of its project (admins see all), and the metadef policy rules decide each
 * operation, hiding (404) a namespace the caller may not even {@code get_metadef_namespace}.
 */
public final class MetadefAccess {
    public static final String GET_NAMESPACE = "get_metadef_namespace";

    private final PolicyEnforcer policy;

    public MetadefAccess(PolicyEnforcer policy) {
        this.policy = requireNonNull(policy, "policy is null");
    }

    /** A rule about no namespace in particular (listing, creating): the target is the caller's project. */
    public void enforce(RequestContext ctx, String rule) {
        policy.enforceOrHide(rule, GET_NAMESPACE, PolicyTarget.project(ctx.projectId()), ctx);
    }

    /** A rule on a namespace or on something in it. */
    public void enforce(RequestContext ctx, String rule, Namespace ns) {
        policy.enforceOrHide(rule, GET_NAMESPACE, target(ns), ctx);
    }

    public boolean allows(RequestContext ctx, String rule, Namespace ns) {
        return policy.allowed(rule, target(ns), ctx);
    }

    /** The database layer's visibility: admin, no owner, public, or the caller's project. */
    public static boolean visible(RequestContext ctx, Namespace ns) {
        return ctx.isAdmin() || ns.owner() == null || ns.isPublic()
                || (ctx.projectId() != null && Objects.equals(ctx.projectId(), ns.owner()));
    }

    /**
     * The namespace named {@code name} if the caller can see it; else 404 with {@code missing} when there is no
     * such namespace, {@code hidden} when there is one the caller cannot see (upstream's messages differ by
     * endpoint).
     */
    public Namespace namespace(MetadefTables t, RequestContext ctx, String name, String missing, String hidden)
            throws SQLException {
        Namespace ns = t.namespaces().find(name).orElseThrow(() -> GlanceException.notFound(missing));
        if (!visible(ctx, ns)) {
            throw GlanceException.notFound(hidden);
        }
        return ns;
    }

    /** {@link #namespace} with the message upstream gives on most endpoints for both cases. */
    public Namespace namespace(MetadefTables t, RequestContext ctx, String name) throws SQLException {
        String message = "Namespace " + name + " not found";
        return namespace(t, ctx, name, message, message);
    }

    /**
     * A namespace whose contents the caller may delete: upstream checks {@code delete_metadef_namespace} for
     * removing the namespace or any of its contents, and refuses both in a protected namespace.
     */
    public Namespace deletable(MetadefTables t, RequestContext ctx, String name) throws SQLException {
        Namespace ns = namespace(t, ctx, name);
        enforce(ctx, "delete_metadef_namespace", ns);
        return ns;
    }

    /** The message of upstream's database layer for a namespace that does not exist. */
    public static String noSuchNamespace(String name) {
        return "Metadata definition namespace=" + name + " was not found.";
    }

    /** Upstream refuses any delete in a protected namespace with 403 and this message. */
    public static void requireUnprotected(Namespace ns, String message) {
        if (ns.isProtected()) {
            throw GlanceException.forbidden(message);
        }
    }

    private static PolicyTarget target(Namespace ns) {
        return PolicyTarget.namespace(ns.owner(), ns.visibility());
    }
}
