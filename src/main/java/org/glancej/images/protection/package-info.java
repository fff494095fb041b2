/**
 * Property protections ({@code [DEFAULT] property_protection_file}): who may create, read, update and delete
 * which extra image properties. Build once at startup:
 * <pre>{@code
 * PropertyProtections protections =
 *         PropertyProtections.load(PropertyProtectionConfig.from(conf), policy::allowsRuleReference);
 * }</pre>
 * then filter every image shown with {@code readableProperties} and check writes as
 * {@link org.glancej.images.protection.PropertyProtections} describes.
 */
package org.glancej.images.protection;
