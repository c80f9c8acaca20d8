package dev.mqkit.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The four kinds of local-addresses entries, and the errors for a bad one. */
class LocalAddressesTest {

    @Test
    void eachKindMatchesAsDocumented() {
        LocalAddresses local = LocalAddresses.parse(
                "exact:Postmaster@Example.com; fnmatch:*@local.[ab]x?; substr:@intra.; regex:^abuse@; bounce@example.org");
        assertTrue(local.contains("postmaster@example.com"), "exact ignores case");
        assertFalse(local.contains("xpostmaster@example.com"), "exact is the whole address");
        assertTrue(local.contains("anyone@local.ax1"));
        assertFalse(local.contains("anyone@local.cx1"), "fnmatch's [ab] is a set");
        assertFalse(local.contains("anyone@local.ax"), "fnmatch's ? is one character");
        assertTrue(local.contains("y@intra.example.org"));
        assertTrue(local.contains("abuse@anywhere.example"));
        assertFalse(local.contains("no-abuse@anywhere.example"), "the regex is anchored");
        assertTrue(local.contains("bounce@example.org"), "an entry without kind is exact");
        assertFalse(local.contains("other@example.org"));
        assertTrue(LocalAddresses.parse("").none());
        assertFalse(LocalAddresses.NONE.contains("postmaster@example.com"));
    }

    @Test
    void aBadEntryIsNamedWithTheFix() {
        IllegalArgumentException kind = assertThrows(IllegalArgumentException.class, () -> LocalAddresses.parse("glob:*@x"));
        assertEquals("unknown kind 'glob' in 'glob:*@x': use exact:, fnmatch:, substr: or regex:", kind.getMessage());
        IllegalArgumentException regex = assertThrows(IllegalArgumentException.class, () -> LocalAddresses.parse("regex:(x"));
        assertTrue(regex.getMessage().startsWith("bad pattern in 'regex:(x': "), regex.getMessage());
        ConfigException config = assertThrows(ConfigException.class,
                () -> RuntimeConfig.defaults().with("local-addresses", "exact:"));
        assertTrue(config.getMessage().contains("bad value for local-addresses: empty entry 'exact:'"), config.getMessage());
    }
}
