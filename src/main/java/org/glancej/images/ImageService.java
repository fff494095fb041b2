package org.glancej.images;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.glancej.auth.RequestContext;
import org.glancej.common.GlanceException;
import org.glancej.db.ColumnCollation;
import org.glancej.images.list.ImageListQuery;
import org.glancej.images.list.ListScope;
import org.glancej.images.protection.PropertyProtections;
import org.glancej.images.request.ImageCreateRequest;
import org.glancej.images.request.PatchPermissions;
import org.glancej.quota.QuotaChecker;
import org.glancej.quota.UnifiedLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Image metadata operations: register, show, change, tag, (de)activate, delete. */
public final class ImageService {
    private static final Logger LOG = LoggerFactory.getLogger(ImageService.class);

    private final ImageDao dao;
    private final DataRemover remover;
    private final ImageAccess access;
    private final QuotaChecker quotas;
    private final UnifiedLimits limits;
    private final PropertyProtections protections;
    private final ImageLocations locations;
    private final StageHostProxy stageHosts;
    private final DataAcls acls;
    private final Clock clock;

    public ImageService(ImageDao dao, DataRemover remover, ImageAccess access, QuotaChecker quotas, UnifiedLimits limits,
            PropertyProtections protections, ImageLocations locations, StageHostProxy stageHosts, DataAcls acls,
            Clock clock) {
        this.acls = requireNonNull(acls, "acls is null");
        this.stageHosts = requireNonNull(stageHosts, "stageHosts is null");
        this.locations = requireNonNull(locations, "locations is null");
        this.dao = requireNonNull(dao, "dao is null");
        this.remover = requireNonNull(remover, "remover is null");
        this.access = requireNonNull(access, "access is null");
        this.quotas = requireNonNull(quotas, "quotas is null");
        this.limits = requireNonNull(limits, "limits is null");
        this.protections = requireNonNull(protections, "protections is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * What upstream checks of a create body before its domain checks, in its order: {@code add_image} (and the
     * visibility rules), {@code image_count_total}, create permission for each extra property, then the tag and
     * property quotas on what was sent.
     */
    private void authorizeCreate(RequestContext ctx, ImageCreateRequest.CreateChecks request) {
        access.enforceCreate(ctx, request.ownerGiven() ? request.owner() : null,
                request.visibilityGiven() ? request.visibility() : null);
        limits.enforceImageCountTotal(ctx);
        request.extraProperties().forEach(property -> protections.checkCreate(ctx, property));
        quotas.checkTagCount(request.tagsSent());
        quotas.checkPropertyCount(Set.of(), request.extraProperties());
    }

    /** Refuses the operation on a visible image unless policy allows it (404 if the caller may not see it). */
    public void authorize(RequestContext ctx, ImageAccess.Operation operation, Image image) {
        access.enforce(ctx, operation, image);
    }

    /** Reads a create request, running {@code authorize} where upstream checks policy and limits. */
    @FunctionalInterface
    public interface CreateParser {
        NewImage parse(Consumer<ImageCreateRequest.CreateChecks> authorize);
    }

    /** A change to an image, applied operation by operation under the given checks. */
    public interface ImageChange {
        boolean isEmpty();

        Image apply(Image current, PatchPermissions checks);
    }

    /** The image as this caller may see it: without the extra properties the protections hide from it. */
    public Image shown(RequestContext ctx, Image image) {
        if (!protections.isEnabled()) {
            return image;
        }
        return ImageChanges.withProperties(image, protections.readableProperties(ctx, image.properties()));
    }

    /**
     * Registers an image. The parser calls back the policy and limit checks ({@code add_image}, {@code
     * image_count_total}, property protections, quotas) at the point upstream makes them; a parser that does
     * not is a programming error, so no caller can create an image unchecked.
     */
    public Image create(RequestContext ctx, CreateParser parser) {
        AtomicBoolean authorized = new AtomicBoolean();
        NewImage request = parser.parse(target -> {
            authorizeCreate(ctx, target);
            authorized.set(true);
        });
        if (!authorized.get()) {
            throw new IllegalStateException("an image create request was parsed without its policy checks");
        }
        return insert(ctx, request);
    }

    private Image insert(RequestContext ctx, NewImage request) {
        Instant now = clock.instant();
        Image image = new Image(
                request.id().orElseGet(() -> UUID.randomUUID().toString()),
                request.name(),
                ImageStatus.QUEUED,
                request.visibility(),
                request.isProtected(),
                request.osHidden(),
                null, null, null,
                request.owner().orElse(Optional.ofNullable(ctx.projectId())).orElse(null),
                null, null,
                request.diskFormat(),
                request.containerFormat(),
                request.minDisk(),
                request.minRam(),
                now, now,
                request.properties(),
                request.tags(),
                List.of());
        dao.insert(image);
        return image;
    }

    public Image get(RequestContext ctx, String id) {
        return find(ctx, id).orElseThrow(() -> GlanceException.notFound("No image found with ID " + id));
    }

    /** The live image with this id, if the caller may see it; an image the caller may not see does not exist. */
    public Optional<Image> find(RequestContext ctx, String id) {
        return dao.find(id).filter(image -> isVisible(ctx, image) && access.mayGet(ctx, image));
    }

    /** Upstream's visibility rule for single images: see {@link ImageVisibility#sees}. */
    private boolean isVisible(RequestContext ctx, Image image) {
        return ImageVisibility.of(ctx).sees(image, dao::isMember);
    }

    /**
     * One page of the images the caller may see; without {@code withLocations} (a page that shows no locations:
     * {@link ImageView#showsLocations}) the images come without them.
     */
    public List<Image> list(RequestContext ctx, ImageListQuery query, boolean withLocations) {
        access.enforceList(ctx);
        ListScope scope = ctx.isAdmin() ? ListScope.admin(ctx.projectId()) : ListScope.user(ctx.projectId());
        return dao.list(query, scope, withLocations);
    }

    /**
     * After a change of who may see the image (visibility, members) or of its data: tells the stores who may read
     * the data ({@link DataAcls}).
     */
    public void updateDataAcls(RequestContext ctx, Image image) {
        acls.apply(ctx, image);
    }

    /** Before data becomes the image's: opens it to the image's readers ({@link DataAcls#applyToNewData}). */
    public void updateNewDataAcls(RequestContext ctx, Image image, ImageLocation location) {
        acls.applyToNewData(ctx, image, location);
    }

    /**
     * Changes an image ({@code modify_image}, then each operation's own checks, then the property quota when
     * names were added); an empty change shows the image unchanged.
     */

    public Image update(RequestContext ctx, String id, ImageChange change) {
        Image before = get(ctx, id);
        access.enforce(ctx, ImageAccess.Operation.MODIFY, before);
        if (change.isEmpty()) {
            return before;
        }
        Image after = change.apply(before, new PatchChecks(ctx, before, access, protections, quotas, locations));
        quotas.checkPropertyCount(before.properties().keySet(), after.properties().keySet());
        if (!after.locations().equals(before.locations())) {
            // a location going away takes its data with it, unless other data depends on it
            List<String> kept = after.locations().stream().map(ImageLocation::url).toList();
            remover.checkRemovable(id, before.locations().stream().filter(l -> !kept.contains(l.url())).toList());
            Image saved = save(before, after);
            try {
                remover.sweep(Optional.of(id), ctx.storeCaller());
            } catch (RuntimeException e) {
                LOG.warn("image {}: removed location's data will be removed by the next sweep: {}", id, e.getMessage());
            }
            updateDataAcls(ctx, saved);
            return saved;
        }
        Image saved = save(before, after);
        if (saved.visibility() != before.visibility()) {
            updateDataAcls(ctx, saved);
        }
        return saved;
    }

    /** Saves a changed copy of {@code before}; fails with 409 if the image changed status meanwhile. */
    public Image save(Image before, Image after) {
        Image stamped = ImageChanges.touch(after, clock.instant());
        if (!dao.update(before, stamped, before.status())) {
            throw GlanceException.conflict("Image " + before.id() + " was changed by another request; retry.");
        }
        return stamped;
    }

    /**
     * Deletes an image. One staged on another node is deleted there first, so that its staged data goes too; if
     * that node refuses (4xx) the client gets its answer, if it is unreachable or fails the image is deleted here
     * and its staged data stays on that node, as upstream.
     *
     * @param mayReplay false for a request that another node replayed here, which is never sent on again
     * @return the request id of the stage host when it deleted the image
     */
    public Optional<String> delete(RequestContext ctx, String id, boolean mayReplay) {
        Image image = get(ctx, id);
        access.enforce(ctx, ImageAccess.Operation.DELETE, image);
        Optional<String> stageHost = mayReplay ? stageHosts.remoteHost(image) : Optional.empty();
        if (stageHost.isPresent()) {
            try {
                return stageHosts.replay(stageHost.get(), "DELETE", "/v2/images/" + id, ctx, Optional.empty(),
                        Map.of());
            } catch (GlanceException e) {
                if (e.kind().status() < 500) {
                    throw e;
                }
                LOG.warn("image {}: the stage host {} did not delete it ({}); deleting it here, its staged data "
                        + "stays there", id, stageHost.get(), e.getMessage());
                image = get(ctx, id);
            }
        }
        deleteHere(ctx, image);
        return Optional.empty();
    }

    private void deleteHere(RequestContext ctx, Image image) {
        String id = image.id();
        if (image.isProtected()) {
            throw GlanceException.forbidden("Image " + id + " is protected and cannot be deleted.");
        }
        remover.checkRemovable(id, image.locations());
        // in every status: the delete records the data (an upload's partial data too), then it is removed
        dao.delete(id, clock.instant());
        try {
            if (image.status() == ImageStatus.SAVING) {
                // an upload without markers (an upstream node's) writes where this store would: remove that too
                remover.removeUploadData(id);
            }
            // staged data, complete or a resumable stage's part (which an upload to /file may have left behind)
            remover.removeStagedData(id);
            remover.sweep(Optional.of(id), ctx.storeCaller());
        } catch (RuntimeException e) {
            LOG.warn("image {} deleted; its data will be removed by the next sweep: {}", id, e.getMessage());
        }
    }

    public void addTag(RequestContext ctx, String id, String tag) {
        if (tag.length() > 255) {
            throw GlanceException.badRequest("Tag " + tag + " is too long: tags are at most 255 characters.");
        }
        Image image = get(ctx, id);
        access.enforce(ctx, ImageAccess.Operation.MODIFY, image);
        Set<String> after = new LinkedHashSet<>(image.tags());
        after.add(tag);
        // like upstream, re-adding a tag to an image already past the quota is refused too
        quotas.checkTagAddition(id, after.size());
        if (!image.tags().contains(tag)) {
            List<String> tags = new ArrayList<>(image.tags());
            tags.add(tag);
            ColumnCollation.refuseCollisions("Tags", tags, Set.copyOf(image.tags()));
            save(image, ImageChanges.withTags(image, tags));
        }
    }

    public void removeTag(RequestContext ctx, String id, String tag) {
        Image image = get(ctx, id);
        access.enforce(ctx, ImageAccess.Operation.MODIFY, image);
        if (!image.tags().contains(tag)) {
            throw GlanceException.notFound("Tag " + tag + " not found on image " + id + ".");
        }
        List<String> tags = new ArrayList<>(image.tags());
        tags.remove(tag);
        save(image, ImageChanges.withTags(image, tags));
    }

    public void deactivate(RequestContext ctx, String id) {
        changeActivation(ctx, id, ImageStatus.ACTIVE, ImageStatus.DEACTIVATED, ImageAccess.Operation.DEACTIVATE);
    }

    public void reactivate(RequestContext ctx, String id) {
        changeActivation(ctx, id, ImageStatus.DEACTIVATED, ImageStatus.ACTIVE, ImageAccess.Operation.REACTIVATE);
    }

    private void changeActivation(RequestContext ctx, String id, ImageStatus from, ImageStatus to,
            ImageAccess.Operation operation) {
        Image image = get(ctx, id);
        access.enforce(ctx, operation, image);
        String verb = operation.rule();
        if (image.status() == to) {
            return;
        }
        if (image.status() != from) {
            throw GlanceException.forbidden(
                    "Not allowed to " + verb + " image in status '" + image.status().wire() + "'");
        }
        if (!dao.transition(id, from, to, clock.instant())) {
            throw GlanceException.conflict("Image " + id + " changed status meanwhile; retry.");
        }
    }
}
