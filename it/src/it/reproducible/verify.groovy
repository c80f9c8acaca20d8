// The same sources built in two folders, in parallel (-T2), give byte-identical plugins:
// no path, time or order of the build machine ends up in the .so.
evaluate(new File(itScripts, 'release.groovy'))
def log = new File(basedir, 'build.log').text
def first = new File(basedir, 'first/target/40-repro-first.so')
def second = new File(basedir, 'second/target/40-repro-second.so')
assert first.isFile() && second.isFile()
assert first.bytes == second.bytes : 'the two builds differ'
assert !log.contains('@threadSafe') && !log.contains('thread-safe')
assert !new String(first.bytes, 'ISO-8859-1').contains(basedir.absolutePath) : 'the build folder is in the .so'
return true
