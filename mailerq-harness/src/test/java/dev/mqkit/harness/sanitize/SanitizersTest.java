package dev.mqkit.harness.sanitize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** -Dmailerq.sanitize as written on a command line, and what the build makes of it. */
class SanitizersTest {

    @Test
    void readsACommaListInAnyOrderAndAddressIncludesLeak() {
        Sanitizers sanitizers = Sanitizers.parse(" leak,UNDEFINED , address");
        assertEquals("address,undefined", sanitizers.flagValue());
        assertTrue(sanitizers.checksLeaks());
        assertEquals("AddressSanitizer, LeakSanitizer, UndefinedBehaviorSanitizer", sanitizers.tools());
        assertEquals(List.of("-fsanitize=address,undefined"), sanitizers.linkFlags());
        assertTrue(sanitizers.compileFlags().containsAll(List.of("-fno-sanitize-recover=undefined",
                "-fno-sanitize=object-size", "-fno-omit-frame-pointer")), sanitizers.compileFlags().toString());
        assertEquals(List.of("-fsanitize=leak", "-O1", "-fno-omit-frame-pointer", "-fno-optimize-sibling-calls"),
                Sanitizers.parse("leak").compileFlags());
        assertTrue(Sanitizers.parse("").isEmpty() && Sanitizers.parse(null).linkFlags().isEmpty());
    }

    @Test
    void aWordThatIsNoSanitizerIsNamedWithTheOnesThereAre() {
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> Sanitizers.parse("address,thread"));
        assertEquals("'thread' is not a sanitizer: use address, undefined, leak", wrong.getMessage());
    }
}
