package dev.mqkit.maven.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PkgConfigTest {

    @Test
    void splitsItsOutputAsAShellWould() {
        assertEquals(List.of("-I/opt/my lib/include", "-DX=1", "-lcurl"),
                PkgConfig.words("-I/opt/my\\ lib/include  -DX=1 -lcurl \n"));
    }

    @Test
    void givesAModulesFlags() throws Exception {
        PkgConfig pkgConfig = PkgConfig.fromEnvironment();
        assumeTrue(pkgConfig.knows("libcurl"), "pkg-config or libcurl4-openssl-dev is not installed");

        PkgConfig.Flags flags = pkgConfig.flags(List.of("libcurl"));

        assertTrue(flags.libs().contains("-lcurl"), flags.toString());
    }

    @Test
    void namesTheModuleItDoesNotKnow() {
        assumeTrue(PkgConfig.fromEnvironment().knows("libcurl"), "pkg-config is not installed");

        String message = assertThrows(PkgConfig.PkgConfigException.class,
                () -> PkgConfig.fromEnvironment().flags(List.of("libcurl", "no-such-module"))).getMessage();

        assertTrue(message.startsWith("pkg-config knows no module no-such-module (<pkgConfig><module>no-such-module"
                + "</module></pkgConfig>): install the library's development package"), message);
    }

    @Test
    void saysWhenPkgConfigIsMissing() {
        String message = assertThrows(PkgConfig.PkgConfigException.class,
                () -> new PkgConfig("/nonexistent/pkg-config").flags(List.of("libcurl"))).getMessage();

        assertTrue(message.startsWith("/nonexistent/pkg-config cannot be run"), message);
        assertTrue(message.contains("apt-get install pkg-config"), message);
    }
}
