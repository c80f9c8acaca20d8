// CC=clang from the environment compiles and links the C plugin.
evaluate(new File(itScripts, 'release.groovy'))
def log = new File(basedir, 'build.log').text
assert log.contains('Compiling 1 of 1 source with clang')
assert log.contains('Linked target/30-clang-c.so with clang')
assert log =~ /30-clang-c\.so \(linux-\w+\) exports mq_version, mq_initialize, mq_smtp_in_mailfrom\n/
assert new File(basedir, 'target/compile_commands.json').text.contains('"arguments": ["clang", ')
return true
