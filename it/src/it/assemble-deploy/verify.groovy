// Two plugins deployed to a file:// repository, assembled by a consumer (published order, an override,
// a transitive plugin), the archive checked entry by entry, and the standalone runtime started on the result.
import java.nio.charset.StandardCharsets
import java.util.zip.GZIPInputStream

def release = evaluate(new File(itScripts, 'release.groovy'))
def log = new File(basedir, 'build.log').text
def repo = new File(basedir, 'target/repo/it/assemble')
def platform = (log =~ /\((linux-\w+)\) exports/)[0][1]

// mvn deploy published pom, .so, platform copy and descriptor of each plugin (beta as a timestamped snapshot)
def versions = [alpha: '1.0', beta: '1.0-SNAPSHOT']
def published = { String name, String suffix ->
    def dir = new File(repo, "${name}/${versions[name]}")
    def pattern = name == 'alpha' ? /alpha-1\.0/ : /beta-1\.0-\d{8}\.\d{6}-1/
    def found = dir.listFiles().findAll { it.name ==~ (pattern + java.util.regex.Pattern.quote(suffix)) }
    assert found.size() == 1 : "${dir} holds ${dir.list().sort()}, not one ${name}-…${suffix}"
    found[0]
}
['alpha': '20', 'beta': '10'].each { name, order ->
    def so = published(name, '.so')
    assert so.bytes == new File(basedir, "${name}/target/${order}-${name}.so").bytes
    assert published(name, "-${platform}.so").bytes == so.bytes
    assert published(name, '.pom').text.contains('<packaging>mailerq-plugin</packaging>')
    def descriptor = published(name, '-mailerq-plugin.properties').text
    assert descriptor.contains("file=${order}-${name}.so\n") && descriptor.contains("platform=${platform}\n")
    assert descriptor.contains("apiVersion=${release.apiVersion}\n")
}
assert !new File(repo, 'plugins').exists() : 'the aggregator is not published'

// beta depends on alpha: its own plugin directory holds both, in order
assert new File(basedir, 'beta/target/plugin-directory').list().sort() == ['10-beta.so', '20-alpha.so']

// the consumer took both plugins and their descriptors from the file:// repository
['alpha', 'beta'].each { name ->
    ['.pom', '.so', '-mailerq-plugin.properties'].each { suffix ->
        def file = published(name, suffix).name
        assert log =~ /Downloaded from it-plugins: file:.*\/${java.util.regex.Pattern.quote(file)} / : file
    }
}

// the consumer: beta's published order 10, alpha (transitive) overridden from 20 to 05
def directory = new File(basedir, 'consumer/target/plugin-directory')
assert directory.list().sort() == ['05-alpha.so', '10-beta.so']
directory.eachFile { assert java.nio.file.Files.getPosixFilePermissions(it.toPath()) ==
        java.nio.file.attribute.PosixFilePermissions.fromString('rwxr-xr-x') }
assert new File(directory, '05-alpha.so').bytes == published('alpha', '.so').bytes
assert new File(directory, '10-beta.so').bytes == published('beta', '.so').bytes
assert log.contains('05-alpha.so (it.assemble:alpha:1.0), 10-beta.so (it.assemble:beta:1.0-SNAPSHOT)')

// the same from the command line (mvn mailerq:assemble), into another folder
def onDemand = new File(basedir, 'consumer/target/on-demand')
assert onDemand.list().sort() == ['05-alpha.so', '10-beta.so']
onDemand.eachFile { assert it.bytes == new File(directory, it.name).bytes }

// the archive: sorted ustar entries, mode 0755, the project's output timestamp, the same bytes
def archive = new File(basedir, 'consumer/target/mta-plugins-1.0-plugins.tar.gz')
def tar = new GZIPInputStream(new FileInputStream(archive)).bytes
def field = { int offset, int length ->
    int end = offset
    while (end < offset + length && tar[end] != 0) end++
    new String(tar, offset, end - offset, StandardCharsets.US_ASCII)
}
def entries = [:]
int offset = 0
while (tar[offset] != 0) {
    def name = field(offset, 100)
    long size = Long.parseLong(field(offset + 124, 12), 8)
    assert field(offset + 100, 8) == '0000755'
    assert field(offset + 257, 6) == 'ustar'
    assert Long.parseLong(field(offset + 136, 12), 8) == 1767225600L // 2026-01-01T00:00:00Z
    entries[name] = Arrays.copyOfRange(tar, offset + 512, offset + 512 + (int) size)
    offset += 512 + (int) ((size + 511).intdiv(512) * 512)
}
assert entries.keySet() as List == ['05-alpha.so', '10-beta.so']
entries.each { name, bytes -> assert bytes == new File(directory, name).bytes }
// attached: install put it into the local repository
assert new File(localRepositoryPath, 'it/assemble/mta-plugins/1.0/mta-plugins-1.0-plugins.tar.gz').bytes == archive.bytes
// and tar itself reads it
def listing = ['tar', '-tzf', archive.path].execute()
assert listing.text.readLines() == ['05-alpha.so', '10-beta.so']
assert listing.waitFor() == 0

// the standalone runtime on the assembled directory loads the plugins in that order
def runtime = new GroovyClassLoader(getClass().classLoader)
        .parseClass(new File(basedir, '../../../src/it-support/StandaloneRuntime.groovy'))
def text = runtime.startAndStop(runtime.jar(new File(basedir, '../../../..').canonicalFile, mainRepository), directory,
        release.version, new File(basedir, 'runtime.log'))
assert text.contains('plugins loaded in order: 05-alpha.so, 10-beta.so') : text
assert text.indexOf('alpha initialized') >= 0 && text.indexOf('alpha initialized') < text.indexOf('beta initialized') : text
return true
