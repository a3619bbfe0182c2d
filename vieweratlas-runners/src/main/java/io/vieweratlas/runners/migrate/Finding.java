package io.vieweratlas.runners.migrate;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One line of a migration check.
 *
 * @param category what happens to it
 * @param kind     what sort of thing it is ({@code live snapshot JSON}, {@code config key}, …)
 * @param subject  which one: a key, a file, a variable, a lake prefix
 * @param newName  for a mapped name, its name here; empty otherwise
 * @param count    how many files or entries it stands for, when it stands for several
 * @param detail   day range, reason, location or what to do; may be empty
 */
public record Finding(Category category, String kind, String subject, Optional<String> newName, OptionalLong count,
                      String detail) {

    /** What happens to an item of the original installation. */
    public enum Category {
        /** Read as it is. */
        CARRIES_OVER,
        /** Read under a new name, with a warning. */
        MAPPED,
        /** Accepted and not used; the detail says why. */
        IGNORED,
        /** Not read as it is; the detail says why and what to do. */
        WILL_NOT_LOAD
    }

    public Finding {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(newName, "newName");
        Objects.requireNonNull(count, "count");
        Objects.requireNonNull(detail, "detail");
    }

    static Finding of(Category category, String kind, String subject, String detail) {
        return new Finding(category, kind, subject, Optional.empty(), OptionalLong.empty(), detail);
    }

    static Finding counted(Category category, String kind, String subject, long count, String detail) {
        return new Finding(category, kind, subject, Optional.empty(), OptionalLong.of(count), detail);
    }

    static Finding mapped(String kind, String subject, String newName, String detail) {
        return new Finding(Category.MAPPED, kind, subject, Optional.of(newName), OptionalLong.empty(), detail);
    }
}
