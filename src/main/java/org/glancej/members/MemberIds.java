package org.glancej.members;

import org.glancej.common.GlanceException;

/**
 * What the {@code image_members.member} column can hold: at most 255 characters, none outside the Basic
 * Multilingual Plane (upstream's MySQL tables are 3-byte utf8 and its database layer refuses them).
 */
final class MemberIds {
    static final int MAX_LENGTH = 255;

    private MemberIds() {}

    /** Refuses a member id the table cannot store; upstream answers 400 for 4-byte characters, 500 for length. */
    static void requireStorable(String memberId) {
        if (hasFourByte(memberId)) {
            throw GlanceException.badRequest("Member can't contain 4 byte unicode characters.");
        }
        if (memberId.length() > MAX_LENGTH) {
            throw GlanceException.badRequest("Member is too long: at most " + MAX_LENGTH + " characters.");
        }
    }

    static boolean isStorable(String memberId) {
        return !hasFourByte(memberId) && memberId.length() <= MAX_LENGTH;
    }

    private static boolean hasFourByte(String s) {
        return s.codePoints().anyMatch(Character::isSupplementaryCodePoint);
    }
}
