// A C++ plugin using the standard library exports exactly its mq_* hooks, nothing of std::.
evaluate(new File(itScripts, 'release.groovy'))
def log = new File(basedir, 'build.log').text
def plugin = new File(basedir, 'target/20-cpp-stdlib.so')
assert plugin.isFile()
assert log =~ /Linked target\/20-cpp-stdlib\.so with \S*(\+\+)/
assert log =~ /20-cpp-stdlib\.so \(linux-\w+\) exports mq_version, mq_smtp_in_mailfrom, mq_smtp_in_close\n/

def database = new File(basedir, 'target/compile_commands.json').text
assert database.contains('"-fvisibility-inlines-hidden"')
assert database.contains('"-std=gnu++17"')

// an independent look at the dynamic symbol table
def nm = ['nm', '-D', '--defined-only', plugin.absolutePath].execute()
def symbols = nm.text.readLines().collect { it.split(/\s+/)[-1] }.sort()
assert nm.waitFor() == 0
assert symbols == ['mq_smtp_in_close', 'mq_smtp_in_mailfrom', 'mq_version'] : "exported: ${symbols}"
return true
