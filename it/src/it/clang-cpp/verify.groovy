// CXX=clang++ from the environment compiles and links the C++ plugin; still only the hooks are exported.
evaluate(new File(itScripts, 'release.groovy'))
def log = new File(basedir, 'build.log').text
def plugin = new File(basedir, 'target/31-clang-cpp.so')
assert log.contains('Compiling 1 of 1 source with clang++')
assert log.contains('Linked target/31-clang-cpp.so with clang++')
assert log =~ /31-clang-cpp\.so \(linux-\w+\) exports mq_version, mq_smtp_in_mailfrom, mq_smtp_in_close\n/
def nm = ['nm', '-D', '--defined-only', plugin.absolutePath].execute()
def symbols = nm.text.readLines().collect { it.split(/\s+/)[-1] }.sort()
assert symbols == ['mq_smtp_in_close', 'mq_smtp_in_mailfrom', 'mq_version'] : "exported: ${symbols}"
return true
