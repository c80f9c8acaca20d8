// Libraries built with nar-maven-plugin and linked into plugins: greet (which uses letters, so letters comes
// transitively) statically into static-greeter, as shared libraries beside shared-greeter; both exercised, then
// assembled by an operator's project whose archive, unpacked by tar, loads in the standalone runtime.
import java.util.zip.ZipFile

def release = evaluate(new File(itScripts, 'release.groovy'))
def log = new File(basedir, 'build.log').text
def readelf = { String... args ->
    def process = (['readelf', '-W'] + (args as List)).execute()
    def text = process.text
    assert process.waitFor() == 0 : "readelf ${args}: ${text}"
    text
}
def aol = (log =~ /linked in \((\S+)-static\)/)[0][1]
// the bytes a NAR attachment in the ITs' repository holds under one name
def narEntry = { String artifactId, String linkage, String entry ->
    def zip = new ZipFile(new File(localRepositoryPath, "it/nar/${artifactId}/1.0/${artifactId}-1.0-${aol}-${linkage}.nar"))
    try { zip.getInputStream(zip.getEntry(entry)).bytes } finally { zip.close() }
}
def exercised = { String name ->
    assert new File(basedir, "${name}/target/mailerq/exercise.json").text.contains('"passed" : true')
    assert new File(basedir, "${name}/target/mailerq/exercise/stdout.log").text
            .contains("${name}: greet_length(\"world\") = 10\n") : "${name} did not call into greet and letters"
}

// static-greeter: both archives linked in (letters transitively), their symbols hidden, nothing more to load
assert log.contains("NAR it.nar:greet:1.0: headers, libgreet-1.0.a linked in (${aol}-static)")
assert log.contains("NAR it.nar:letters:1.0: headers, libletters-1.0.a linked in (${aol}-static)")
def staticPlugin = new File(basedir, 'static-greeter/target/20-static-greeter.so').path
def exported = readelf('--dyn-syms', staticPlugin).readLines().findAll { it =~ /\bGLOBAL\b.*\bDEFAULT\s+\d+\s/ }
        .collect { it.trim().split(/\s+/)[7] }
assert exported.sort() == ['mq_initialize', 'mq_version'] : exported
def symbols = readelf('-s', staticPlugin)
['greet_length', 'letters_in'].each { assert symbols =~ /FUNC\s+LOCAL\s+DEFAULT\s+\d+\s+${it}\n/ : "${it} is not linked in, or not local" }
assert !(readelf('-d', staticPlugin) =~ /NEEDED.*lib(greet|letters)/)
assert !new File(basedir, 'static-greeter/target/mailerq/mailerq-plugin.properties').text.contains('libraries')
assert !new File(basedir, 'static-greeter/target/mailerq/plugin-directory/lib').exists()
exercised('static-greeter')

// shared-greeter: needs libgreet from $ORIGIN/lib (DT_RPATH, which libgreet's own need of libletters uses too)
assert log.contains("NAR it.nar:greet:1.0: headers, libgreet-1.0.so loaded from lib/ (${aol}-shared)")
def sharedPlugin = new File(basedir, 'shared-greeter/target/30-shared-greeter.so').path
def dynamic = readelf('-d', sharedPlugin)
assert dynamic =~ /\(NEEDED\)\s+Shared library: \[libgreet-1\.0\.so\]/ : dynamic
assert dynamic =~ '\\(RPATH\\)\\s+Library rpath: \\[\\$ORIGIN/lib\\]' : dynamic
def descriptor = new File(basedir, 'shared-greeter/target/mailerq/mailerq-plugin.properties').text
assert descriptor.contains('libraries=libgreet-1.0.so,libletters-1.0.so\n') : descriptor
['greet', 'letters'].each { name ->
    def entry = "lib/${aol}/shared/lib${name}-1.0.so"
    def bytes = narEntry(name, 'shared', entry)
    def key = "library.lib${name}-1.0.so"
    assert descriptor.contains("${key}.artifact=it.nar:${name}:nar:${aol}-shared:1.0\n") : descriptor
    assert descriptor.contains("${key}.entry=${entry}\n") : descriptor
    assert descriptor.contains("${key}.sha256=${java.security.MessageDigest.getInstance('SHA-256').digest(bytes).encodeHex()}\n")
    assert new File(basedir, "shared-greeter/target/mailerq/plugin-directory/lib/lib${name}-1.0.so").bytes == bytes
}
exercised('shared-greeter')

// the operator's project: both plugins, the libraries in lib/ beside them, in the directory and the archive
def directory = new File(basedir, 'consumer/target/plugin-directory')
assert directory.list().sort() == ['20-static-greeter.so', '30-shared-greeter.so', 'lib']
assert new File(directory, 'lib').list().sort() == ['libgreet-1.0.so', 'libletters-1.0.so']
assert log.contains('lib/libgreet-1.0.so (it.nar:greet:nar:' + aol + '-shared:1.0)')
def archive = new File(basedir, 'consumer/target/greeters-1.0-plugins.tar.gz')
def listing = ['tar', '-tzf', archive.path].execute()
assert listing.text.readLines() == ['20-static-greeter.so', '30-shared-greeter.so', 'lib/', 'lib/libgreet-1.0.so',
                                    'lib/libletters-1.0.so']
assert listing.waitFor() == 0
def unpacked = new File(basedir, 'target/unpacked')
unpacked.deleteDir()
unpacked.mkdirs()
def untar = ['tar', '-xzf', archive.path, '-C', unpacked.path].execute()
assert untar.waitFor() == 0 : untar.err.text
def runtime = new GroovyClassLoader(getClass().classLoader)
        .parseClass(new File(basedir, '../../../src/it-support/StandaloneRuntime.groovy'))
def text = runtime.startAndStop(runtime.jar(new File(basedir, '../../../..').canonicalFile, mainRepository), unpacked,
        release.version, new File(basedir, 'runtime.log'))
assert text.contains('plugins loaded in order: 20-static-greeter.so, 30-shared-greeter.so') : text
['static-greeter', 'shared-greeter'].each { assert text.contains("${it}: greet_length(\"world\") = 10\n") : text }

// errors: both at once, each naming the NAR, the AOL or the header, and the fix
assert log.contains("it.nar:elsewhere:1.0 has no library for ${aol}: the repositories hold no "
        + "elsewhere-1.0-${aol}-static.nar; it was built for ppc-AIX-xlC. Deploy a build of it for ${aol}, or set "
        + "<narAol> (-Dmailerq.nar.aol)")
assert log.contains('include/greet/greet.h is in both it.nar:greet:1.0 and it.nar:greet-clone:1.0, with other contents')
return true
