// Incremental builds: nothing changed does nothing; a header change recompiles exactly its includers;
// a flag change recompiles everything; a clean build then gives the same bytes as the incremental one.
import java.nio.file.Files
import java.nio.file.attribute.FileTime

evaluate(new File(itScripts, 'release.groovy'))
def plugin = new File(basedir, 'target/50-incremental.so')
def database = new File(basedir, 'target/compile_commands.json')
assert new File(basedir, 'build.log').text.contains('Compiling 3 of 3 sources')

// the compilers of the first build, so that only what the test changes differs
def compilers = (database.text =~ /"arguments": \["([^"]+)"/)[0][1]

// the same repositories as the invoker's run (settings.xml of src/it), offline
def settings = evaluate(new File(itScripts, 'rerun-settings.groovy'))

def mvn = { String... args ->
    def command = ["${mavenHome}/bin/mvn", '-o', '-B', '-s', settings.absolutePath,
                   "-Dmaven.repo.local=${localRepositoryPath}", "-Dmailerq.version=${mailerqVersion}", 'package'] + args.toList()
    def builder = new ProcessBuilder(command*.toString()).directory(basedir).redirectErrorStream(true)
    builder.environment().put('CC', compilers)
    def process = builder.start()
    def output = process.inputStream.text
    new File(basedir, "build-${System.nanoTime()}.log").text = output
    assert process.waitFor() == 0 : output
    return output
}

// 1. no change: no compile, no link, nothing rewritten
def soTime = plugin.lastModified()
def dbTime = database.lastModified()
def noop = mvn()
assert noop.contains('Nothing to compile: 3 sources up to date') : noop
assert noop.contains('target/50-incremental.so is up to date') : noop
assert !noop.contains('Compiled ') && !noop.contains('Linked ')
assert plugin.lastModified() == soTime && database.lastModified() == dbTime

// 2. a header change recompiles its two includers only, then links
def header = new File(basedir, 'src/main/include/shared.h')
header.text = header.text + '/* changed */\n'
Files.setLastModifiedTime(header.toPath(), FileTime.fromMillis(System.currentTimeMillis() + 2000))
def afterHeader = mvn()
assert afterHeader.contains('Compiling 2 of 3 sources') : afterHeader
assert afterHeader.contains('Compiled src/main/c/a.c') && afterHeader.contains('Compiled src/main/c/b.c')
assert !afterHeader.contains('Compiled src/main/c/c.c')
assert afterHeader.contains('Linked target/50-incremental.so')
def incremental = plugin.bytes

// 3. a flag change recompiles everything
def flagged = mvn('-Dmailerq.cflags=-DEXTRA_FLAG')
assert flagged.contains('Compiling 3 of 3 sources') : flagged
assert database.text.contains('"-DEXTRA_FLAG"')

// 4. back to the default flags from a clean target: the same bytes as the incremental build
new File(basedir, 'target').deleteDir()
def clean = mvn()
assert clean.contains('Compiling 3 of 3 sources')
assert plugin.bytes == incremental : 'a clean build differs from the incremental one'
return true
