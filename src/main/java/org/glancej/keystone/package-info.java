/**
 * The one Keystone client of the service (Identity API v3), used by token validation ({@code auth}), unified
 * limits ({@code quota}), glance-download's catalog lookups ({@code imports}) and stores that authenticate with
 * Keystone.
 *
 * <ul>
 *   <li>{@link org.glancej.keystone.KeystoneHttpOptions} / {@link org.glancej.keystone.KeystoneHttp}: one HTTP
 *       client setup (keystoneauth's {@code cafile}, {@code insecure}, timeouts) and one retry rule.</li>
 *   <li>{@link org.glancej.keystone.Keystone}: one Keystone's v3 root: password authentication, calls with a
 *       caller's token (its catalog, trusts).</li>
 *   <li>{@link org.glancej.keystone.KeystoneSession}: one per service identity; keeps a token, re-authenticates
 *       before expiry and on 401.</li>
 *   <li>{@link org.glancej.keystone.KeystoneToken} and {@link org.glancej.keystone.ServiceCatalog}: one token
 *       record (id, expiry, user, scope, roles, catalog) and catalog lookup by service type, interface and
 *       region.</li>
 *   <li>{@link org.glancej.keystone.KeystoneUnavailableException}: every failure to get a usable answer, with a
 *       reason; the HTTP edge answers 503.</li>
 * </ul>
 */
package org.glancej.keystone;
