package org.glancej.members;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.glancej.auth.RequestContext;
import org.glancej.common.ErrorKind;
import org.glancej.common.GlanceException;
import org.glancej.config.ConfigFile;
import org.glancej.db.testing.DatabaseTestSupport;
import org.glancej.images.Image;
import org.glancej.images.DataAcls;
import org.glancej.images.DataRemover;
import org.glancej.images.ImageDao;
import org.glancej.images.PendingDataDao;
import org.glancej.images.ImageAccess;
import org.glancej.images.ImageService;
import org.glancej.images.StageHostProxy;
import org.glancej.policy.PolicyConfig;
import org.glancej.policy.PolicyEnforcer;
import org.glancej.images.ImagesConfig;
import org.glancej.images.ImageLocations;
import org.glancej.images.NewImage;
import org.glancej.images.request.ImageCreateRequest;
import org.glancej.images.Visibility;
import org.glancej.images.list.ImageListQuery;
import org.glancej.images.protection.PropertyProtections;
import org.glancej.quota.QuotaChecker;
import org.glancej.quota.QuotaConfig;
import org.glancej.quota.QuotaUsageDao;
import org.glancej.quota.UnifiedLimits;
import org.glancej.store.StoreRegistry;
import org.glancej.store.file.FileStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Image and member services over a real database, with the personas of upstream's RBAC tests: the owning
 * project's member and reader, a member and a reader of the project the image is shared with, an unrelated
 * project, an admin, and the unauthenticated admin of a deployment without Keystone.
 */
abstract class SharingTestSupport extends DatabaseTestSupport {
    static final RequestContext OWNER = RequestContext.project("u1", "owner", List.of("member", "reader"), false);
    static final RequestContext OWNER_READER = RequestContext.project("u2", "owner", List.of("reader"), false);
    static final RequestContext ALT = RequestContext.project("u3", "alt", List.of("member", "reader"), false);
    static final RequestContext ALT_READER = RequestContext.project("u4", "alt", List.of("reader"), false);
    static final RequestContext STRANGER = RequestContext.project("u5", "other", List.of("member", "reader"), false);
    static final RequestContext ADMIN =
            RequestContext.project("u6", "ops", List.of("admin", "member", "reader"), true);
    static final RequestContext NO_AUTH = RequestContext.unauthenticatedAdmin();

    ImageService images;
    MemberService members;
    private ImageDao imageDao;

    /** Member quota for the test class; upstream's default unless overridden. */
    int memberQuota() {
        return 128;
    }

    @TempDir
    Path storeDir;

    @BeforeEach
    final void createServices() {
        imageDao = new ImageDao(database.dataSource(), database.dialect());
        ImageAccess access = new ImageAccess(PolicyEnforcer.load(PolicyConfig.defaults()));
        QuotaChecker quotas = new QuotaChecker(new QuotaConfig(memberQuota(), 128, 128, 10, 0, false, Optional.empty()),
                new QuotaUsageDao(database.dataSource()));
        images = new ImageService(imageDao, new DataRemover(new PendingDataDao(database.dataSource(),
                database.dialect()), StoreRegistry.single(new FileStore(storeDir)), Clock.systemUTC()), access, quotas, UnifiedLimits.disabled(),
                PropertyProtections.disabled(), new ImageLocations(StoreRegistry.single(new FileStore(storeDir)), false,
                "sha512"), new StageHostProxy(Optional.empty(), StageHostProxy.TIMEOUT),
                DataAcls.NONE, Clock.systemUTC());
        members = new MemberService(images, new MemberDao(database.dataSource(), database.dialect()),
                new MemberPermissions(access), quotas, Clock.systemUTC());
    }

    String createImage(RequestContext ctx, Visibility visibility) {
        return images.create(ctx, authorize -> {
            // the visibility is the fixture's, not a request under test: publicize_image is not asked
            authorize.accept(new ImageCreateRequest.CreateChecks(false, null, false, null, List.of(), 0));
            return new NewImage(Optional.empty(), Optional.empty(), "img", visibility, false, false, 0, 0, "raw",
                    "bare", Map.of(), List.of());
        }).id();
    }

    void changeVisibility(String imageId, Visibility visibility) {
        Image i = images.get(NO_AUTH, imageId);
        images.save(i, new Image(i.id(), i.name(), i.status(), visibility, i.isProtected(), i.osHidden(),
                i.checksum(), i.osHashAlgo(), i.osHashValue(), i.owner(), i.size(), i.virtualSize(), i.diskFormat(),
                i.containerFormat(), i.minDisk(), i.minRam(), i.createdAt(), i.updatedAt(), i.properties(), i.tags(),
                i.locations()));
    }

    void deleteImage(String imageId) {
        images.delete(NO_AUTH, imageId, true);
    }

    List<String> listedIds(RequestContext ctx, String query) {
        Map<String, List<String>> params = new java.util.LinkedHashMap<>();
        for (String pair : query.isEmpty() ? new String[0] : query.split("&")) {
            String[] kv = pair.split("=", 2);
            params.computeIfAbsent(kv[0], k -> new java.util.ArrayList<>()).add(kv[1]);
        }
        ImageListQuery parsed = ImageListQuery.parse(params, ImagesConfig.from(ConfigFile.empty()));
        return images.list(ctx, parsed, true).stream().map(Image::id).toList();
    }

    static void assertFails(ThrowingCallable call, ErrorKind kind, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(GlanceException.class, e -> {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }
}
