// The plugins must link what this run's nar-maven-plugin build installs, not what an earlier run left. For the
// errors: it.nar:elsewhere, a NAR built for another AOL only, and it.nar:greet-clone, whose greet/greet.h is not
// greet's; both made by hand, as nar-maven-plugin would lay them out.
import java.util.zip.ZipEntry
import java.util.zip.ZipOutputStream

new File(localRepositoryPath, 'it/nar').deleteDir()

def zip = { File file, Map<String, String> entries ->
    file.withOutputStream { out ->
        def archive = new ZipOutputStream(out)
        entries.each { name, text ->
            archive.putNextEntry(new ZipEntry(name))
            archive << text
            archive.closeEntry()
        }
        archive.close()
    }
}
def publish = { String artifactId, String properties, Map<String, Map<String, String>> attachments ->
    def dir = new File(localRepositoryPath, "it/nar/${artifactId}/1.0")
    dir.mkdirs()
    new File(dir, "${artifactId}-1.0.pom").text = """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>it.nar</groupId>
  <artifactId>${artifactId}</artifactId>
  <version>1.0</version>
  <packaging>nar</packaging>
</project>
"""
    zip(new File(dir, "${artifactId}-1.0.nar"), ["META-INF/nar/it.nar/${artifactId}/nar.properties": properties])
    attachments.each { classifier, entries -> zip(new File(dir, "${artifactId}-1.0-${classifier}.nar"), entries) }
}
publish('elsewhere', '''output=elsewhere-1.0
nar.static=it.nar\\:elsewhere\\:nar\\:${aol}-static
ppc-AIX-xlC.output=elsewhere-1.0
ppc-AIX-xlC.libs.binding=static
''', ['ppc-AIX-xlC-static': ['lib/ppc-AIX-xlC/static/libelsewhere-1.0.a': '!<arch>\n']])
publish('greet-clone', 'nar.noarch=it.nar\\:greet-clone\\:nar\\:noarch\n',
        [noarch: ['include/greet/greet.h': 'int greet_length(const char *who, int clone);\n']])
return true
