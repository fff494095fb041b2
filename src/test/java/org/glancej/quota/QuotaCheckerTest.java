package org.glancej.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.glancej.auth.RequestContext;
import org.glancej.common.ErrorKind;
import org.glancej.common.GlanceException;
import org.glancej.quota.QuotaChecker.StorageCheck;
import org.junit.jupiter.api.Test;
import org.glancej.keystone.KeystoneCredentials;
import org.glancej.keystone.KeystoneHttpOptions;

class QuotaCheckerTest {
    private static final RequestContext ALICE = RequestContext.project("u1", "alice-project", List.of("member"), false);

    /** Usage where only stored bytes matter, recording who asked. */
    private static final class StoredBytes implements QuotaUsage {
        final long bytes;
        final List<String> asked = new ArrayList<>();

        StoredBytes(long bytes) {
            this.bytes = bytes;
        }

        @Override
        public long storedBytes(String owner, String excludedImageId) {
            asked.add(owner + "/" + excludedImageId);
            return bytes;
        }

        @Override
        public long stagedBytes(String owner) {
            throw new AssertionError("not a legacy quota");
        }

        @Override
        public long imageCount(String owner) {
            throw new AssertionError("not a legacy quota");
        }

        @Override
        public long uploadingCount(String owner) {
            throw new AssertionError("not a legacy quota");
        }
    }

    private static QuotaConfig quotas(int members, int properties, int tags, int locations, long storage,
            boolean keystone) {
        Optional<OsloLimitConfig> limits = keystone ? Optional.of(new OsloLimitConfig(
                new KeystoneCredentials(URI.create("http://ks/v3"), "u", null, null, null, "p", "all", null,
                        null, null, null, null, null, null), "e", null, null, null, "public",
                KeystoneHttpOptions.DEFAULTS)) : Optional.empty();
        return new QuotaConfig(members, properties, tags, locations, storage, keystone, limits);
    }

    private static QuotaChecker checker(int members, int properties, int tags, int locations) {
        return new QuotaChecker(quotas(members, properties, tags, locations, 0, false), new StoredBytes(0));
    }

    private static Set<String> names(int count, String prefix) {
        return IntStream.range(0, count).mapToObj(i -> prefix + i).collect(Collectors.toSet());
    }

    private static void assertTooLarge(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(GlanceException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.REQUEST_ENTITY_TOO_LARGE);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void propertiesUpToTheQuotaPassAndOneMoreIsRefused() {
        QuotaChecker checker = checker(128, 3, 128, 10);

        assertThatCode(() -> checker.checkPropertyCount(Set.of(), names(3, "p"))).doesNotThrowAnyException();
        assertTooLarge(() -> checker.checkPropertyCount(Set.of(), names(4, "p")),
                "The limit has been exceeded on the number of allowed image properties. Attempted: 4, Maximum: 3");
    }

    @Test
    void glanceOwnPropertiesDoNotCount() {
        QuotaChecker checker = checker(128, 1, 128, 10);
        Set<String> after = Set.of("os_distro", "os_glance_importing_to_stores", "os_glance_failed_import");

        assertThatCode(() -> checker.checkPropertyCount(Set.of(), after)).doesNotThrowAnyException();
    }

    @Test
    void anImageOverThePropertyQuotaCanBeEditedWithoutAddingNames() {
        QuotaChecker checker = checker(128, 2, 128, 10);
        Set<String> existing = names(5, "p");

        assertThatCode(() -> checker.checkPropertyCount(existing, names(4, "p"))).doesNotThrowAnyException();
        Set<String> oneNew = new HashSet<>(names(4, "p"));
        oneNew.add("new");
        assertTooLarge(() -> checker.checkPropertyCount(existing, oneNew),
                "The limit has been exceeded on the number of allowed image properties. Attempted: 5, Maximum: 2");
    }

    @Test
    void tagsAtTheQuotaPassAndPastItAreRefusedWithTheEndpointsWording() {
        QuotaChecker checker = checker(128, 128, 2, 10);

        assertThatCode(() -> checker.checkTagCount(2)).doesNotThrowAnyException();
        assertThatCode(() -> checker.checkTagAddition("img", 2)).doesNotThrowAnyException();
        assertTooLarge(() -> checker.checkTagCount(3),
                "The limit has been exceeded on the number of allowed image tags. Attempted: 3, Maximum: 2");
        assertTooLarge(() -> checker.checkTagAddition("img", 3), "Image tag limit exceeded for image img: The limit"
                + " has been exceeded on the number of allowed image tags. Attempted: 3, Maximum: 2:");
    }

    @Test
    void theMemberRefusalNamesTheImageTheAttemptAndTheQuota() {
        QuotaChecker checker = checker(2, 128, 128, 10);

        assertThat(checker.imageMemberQuota()).isEqualTo(2);
        assertThat(checker.memberQuotaExceeded("img", 3).getMessage()).isEqualTo("Image member limit exceeded for"
                + " image img: The limit has been exceeded on the number of allowed image members for this image."
                + " Attempted: 3, Maximum: 2:");
    }

    @Test
    void locationsAtTheQuotaPassAndPastItAreRefused() {
        QuotaChecker checker = checker(128, 128, 128, 10);

        assertThatCode(() -> checker.checkLocationCount(10)).doesNotThrowAnyException();
        assertTooLarge(() -> checker.checkLocationCount(11),
                "The limit has been exceeded on the number of allowed image locations. Attempted: 11, Maximum: 10");
    }

    @Test
    void negativeQuotasAreUnlimitedAndZeroAllowsNone() {
        QuotaChecker unlimited = checker(-1, -1, -1, -1);
        assertThatCode(() -> {
            unlimited.checkPropertyCount(Set.of(), names(10_000, "p"));
            unlimited.checkTagCount(10_000);
            unlimited.checkLocationCount(10_000);
        }).doesNotThrowAnyException();

        QuotaChecker none = checker(0, 0, 0, 0);
        assertThatCode(() -> none.checkTagCount(0)).doesNotThrowAnyException();
        assertThatThrownBy(() -> none.checkTagCount(1)).isInstanceOf(GlanceException.class);
    }

    @Test
    void storageRemainingIsTheQuotaLessWhatTheCallersProjectStores() {
        StoredBytes usage = new StoredBytes(700);
        QuotaChecker checker = new QuotaChecker(quotas(1, 1, 1, 1, 1000, false), usage);

        assertThat(checker.remainingStorage(ALICE, "img-1")).hasValue(300);
        assertThat(usage.asked).containsExactly("alice-project/img-1");
    }

    @Test
    void uploadThatFitsExactlyPassesAndOneByteMoreIsRefused() {
        QuotaChecker checker = new QuotaChecker(quotas(1, 1, 1, 1, 1000, false), new StoredBytes(700));

        assertThat(checker.checkStorage(ALICE, 300L, "img", StorageCheck.UPLOAD)).hasValue(300);
        assertTooLarge(() -> checker.checkStorage(ALICE, 301L, "img", StorageCheck.UPLOAD),
                "Image exceeds the storage quota: The size of the data 301 will exceed the limit."
                        + " 300 bytes remaining.");
        assertTooLarge(() -> checker.checkStorage(ALICE, 301L, null, StorageCheck.LOCATIONS),
                "Denying attempt to upload image because it exceeds the quota: The size of the data 301 will exceed"
                        + " the limit. 300 bytes remaining.");
    }

    @Test
    void unknownSizeFailsOnlyWhenNothingRemains() {
        QuotaChecker someLeft = new QuotaChecker(quotas(1, 1, 1, 1, 1000, false), new StoredBytes(999));
        QuotaChecker full = new QuotaChecker(quotas(1, 1, 1, 1, 1000, false), new StoredBytes(1000));

        assertThat(someLeft.checkStorage(ALICE, null, "img", StorageCheck.UPLOAD)).hasValue(1);
        assertTooLarge(() -> full.checkStorage(ALICE, null, "img", StorageCheck.UPLOAD),
                "Image exceeds the storage quota: The size of the data None will exceed the limit. 0 bytes remaining.");
    }

    @Test
    void noStorageQuotaOrUnifiedLimitsSkipTheStorageCheck() {
        StoredBytes usage = new StoredBytes(Long.MAX_VALUE);
        QuotaChecker noQuota = new QuotaChecker(quotas(1, 1, 1, 1, 0, false), usage);
        QuotaChecker keystone = new QuotaChecker(quotas(1, 1, 1, 1, 1000, true), usage);

        assertThat(noQuota.checkStorage(ALICE, Long.MAX_VALUE, "img", StorageCheck.UPLOAD)).isEmpty();
        assertThat(keystone.checkStorage(ALICE, Long.MAX_VALUE, "img", StorageCheck.UPLOAD)).isEmpty();
        assertThat(usage.asked).isEmpty();
    }
}
