package dev.mqkit.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mqkit.harness.process.RuntimeLauncher;
import org.junit.jupiter.api.Test;

/** The harness starts the runtime by the name of its main class, since it never has the runtime's classes. */
class MainClassTest {

    @Test
    void theHarnessStartsThisMainClass() {
        assertEquals(Main.class.getName(), RuntimeLauncher.MAIN_CLASS);
    }
}
