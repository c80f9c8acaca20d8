package dev.mqkit.maven.nar;

import java.util.Locale;

/**
 * How a NAR's library becomes part of a plugin: linked in ({@code static},
 * its symbols hidden behind the plugin's version script) or loaded beside it
 * ({@code shared}, from the plugin directory's {@code lib/}). The names are
 * nar-maven-plugin's library types.
 */
public enum NarLinkage {
    STATIC,
    SHARED;

    /** nar-maven-plugin's name: {@code static} or {@code shared}. */
    public String type() {
        return name().toLowerCase(Locale.ROOT);
    }

    public NarLinkage other() {
        return this == STATIC ? SHARED : STATIC;
    }

    public static NarLinkage parse(String type) {
        for (NarLinkage linkage : values()) {
            if (linkage.type().equals(type.trim())) {
                return linkage;
            }
        }
        throw new IllegalArgumentException("'" + type + "' is not a NAR linkage: write static or shared");
    }
}
