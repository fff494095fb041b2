/**
 * Quotas: the static ones of {@code glance-api.conf} ({@link org.glancej.quota.QuotaChecker}) and Keystone's
 * unified limits ({@link org.glancej.quota.UnifiedLimits}), both counting usage through
 * {@link org.glancej.quota.QuotaUsageDao}. Every check runs before the write it guards and throws a 413.
 *
 * <p>Where upstream checks what, in order within each operation:
 * <pre>{@code
 * POST  /v2/images              limits.enforceImageCountTotal(ctx)                  // after the add_image policy
 *                               quotas.checkTagCount(tags.size())                   // as sent, duplicates count
 *                               quotas.checkPropertyCount(Set.of(), extra.keySet())
 * PATCH /v2/images/{id}         quotas.checkTagCount(newTags.size())                // replace /tags
 *                               quotas.checkPropertyCount(before.keySet(), after.keySet())
 *                               quotas.checkLocationCount(n), quotas.checkStorage(ctx, size * added, ..., LOCATIONS)
 * PUT   /v2/images/{id}/tags/t  quotas.checkTagAddition(id, distinctTagsAfter)
 * POST  /v2/images/{id}/members MemberDao.add(id, member, quotas.imageMemberQuota(), now) counts under the
 *                               image's row lock; OverQuota -> quotas.memberQuotaExceeded(id, attempted)
 * PUT   /v2/images/{id}/file    limits.enforceImageSizeTotal(ctx, size / MiB or 0)
 *                               (status saving) limits.enforceImageCountUploading(ctx)
 *                               remaining = quotas.checkStorage(ctx, size, id, UPLOAD); stop reading past it
 *                               with QuotaChecker.storageQuotaFull; check again with the stored size
 * PUT   /v2/images/{id}/stage   limits.enforceImageStageTotal(ctx, size / MiB or 0)
 *                               (status uploading) limits.enforceImageCountUploading(ctx)
 * POST  /v2/images/{id}/import  limits.enforceImageSizeTotal(ctx, 0); then glance-direct:
 *                               enforceImageSizeTotal(ctx, stagedMiB); copy-image, web-download, glance-download:
 *                               enforceImageStageTotal(ctx, sizeMiB) and enforceImageCountUploading(ctx)
 * GET   /v2/info/usage          limits.usageDocument(ctx)                           // {"usage": {}} when disabled
 * }</pre>
 * {@code image_size_cap} ({@link org.glancej.images.ImagesConfig}) applies to every upload, stage and import
 * whatever the quotas say.
 */
package org.glancej.quota;
