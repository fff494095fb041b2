/**
 * Authorization as upstream Glance decides it: oslo.policy's rule language, Glance's registered rules with
 * their secure-RBAC defaults ({@link org.glancej.policy.GlanceRules}), operators' overrides from
 * {@code [oslo_policy] policy_file} and {@code policy_dirs}, and upstream's answers (403, or 404 for images
 * the caller cannot see).
 *
 * <pre>{@code
 * PolicyEnforcer policy = PolicyEnforcer.load(PolicyConfig.from(conf));          // at startup
 * boolean admin = policy.isAdmin(credentialsFromToken);                            // RequestContext.isAdmin
 *
 * ImagePolicy images = new ImagePolicy(policy);
 * images.enforceCreate(requestedOwner, requestedVisibility, ctx);                  // add_image + visibility, 403
 * policy.enforce("get_images", PolicyTarget.project(ctx.projectId()), ctx);         // 403
 * PolicyTarget image = PolicyTarget.image(id, owner, visibility, ctx).build();
 * policy.enforceOrHide("modify_image", image, ctx);                                // 404 or 403
 * images.enforceVisibility(newVisibility, image, ctx);                             // PATCH visibility, 403
 * images.requireOwnerUnderLegacyDefaults(owner, ctx);                              // enforce_new_defaults=False
 * boolean listed = policy.allowed("get_image", image, ctx);                        // filter list results
 * }</pre>
 *
 * <p>The policy does not replace the database's visibility filtering: by default any reader passes
 * {@code get_image} for a shared image, because upstream only ever finds a shared image for its members.
 * Build image targets only for images the caller's query could return.
 */
package org.glancej.policy;
