// A file:// repository, target/repo, with entries as mailerq:package would publish them, but for
// what no build on this machine makes: another platform, another API version, no descriptor at all.
import java.security.MessageDigest

def release = evaluate(new File(itScripts, 'release.groovy'))
new File(localRepositoryPath, 'it/errors').deleteDir()
def repo = new File(basedir, 'target/repo')

def publish = { String groupId, String artifactId, String packaging, Map descriptor ->
    def dir = new File(repo, "${groupId.replace('.', '/')}/${artifactId}/1.0")
    dir.mkdirs()
    new File(dir, "${artifactId}-1.0.pom").text = """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>${groupId}</groupId>
  <artifactId>${artifactId}</artifactId>
  <version>1.0</version>
  <packaging>${packaging}</packaging>
</project>
"""
    byte[] so = "\u007fELF, or so it says: ${groupId}:${artifactId}".getBytes('UTF-8')
    new File(dir, "${artifactId}-1.0.so").bytes = so
    if (descriptor != null) {
        def values = [file: "${descriptor.order}-${artifactId}.so", order: descriptor.order,
                      platform: descriptor.platform, apiVersion: descriptor.apiVersion,
                      sha256: MessageDigest.getInstance('SHA-256').digest(so).encodeHex().toString(),
                      hooks: 'mq_version']
        new File(dir, "${artifactId}-1.0-mailerq-plugin.properties").text =
                values.collect { k, v -> "${k}=${v}\n" }.join('')
    }
}

// this machine's platform, as mailerq:package names it
def arch = System.getProperty('os.arch')
def platform = 'linux-' + ([amd64: 'x86_64', x86_64: 'x86_64', arm64: 'aarch64'][arch] ?: arch)
def here = [order: '10', platform: platform, apiVersion: release.apiVersion]
publish('it.errors.a', 'filter', 'mailerq-plugin', here)
publish('it.errors.b', 'filter', 'mailerq-plugin', here)
publish('it.errors', 'libfoo', 'so', null)
publish('it.errors', 'arm-only', 'mailerq-plugin', here + [platform: platform == 'linux-aarch64' ? 'linux-x86_64' : 'linux-aarch64'])
publish('it.errors', 'future', 'mailerq-plugin', here + [apiVersion: 99])
return true
