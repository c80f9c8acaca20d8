package dev.mqkit.api.elf;

/**
 * One entry of an ELF file's dynamic symbol table (.dynsym).
 *
 * @param name       the symbol's name as stored (C++ names stay mangled)
 * @param defined    whether the file defines it (false: it must come from elsewhere at load time)
 * @param binding    STB_* value: 0 local, 1 global, 2 weak
 * @param type       STT_* value: 0 none, 1 object, 2 function, ...
 * @param visibility STV_* value: 0 default, 1 internal, 2 hidden, 3 protected
 */
public record DynamicSymbol(String name, boolean defined, int binding, int type, int visibility) {

    public static final int STB_LOCAL = 0;
    public static final int STB_GLOBAL = 1;
    public static final int STB_WEAK = 2;
    public static final int STT_FUNC = 2;
    public static final int STV_DEFAULT = 0;
    public static final int STV_PROTECTED = 3;

    /** Whether a loader can find this symbol in the file: defined, global or weak, not hidden. */
    public boolean exported() {
        return defined
                && (binding == STB_GLOBAL || binding == STB_WEAK)
                && (visibility == STV_DEFAULT || visibility == STV_PROTECTED);
    }

    /** Whether the file needs this symbol from another object when it is loaded. */
    public boolean undefined() {
        return !defined && !name.isEmpty();
    }
}
