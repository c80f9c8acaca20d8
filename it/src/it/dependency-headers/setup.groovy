// Puts it:greeting-headers:1.0, a jar that holds only include/greeting/greeting.h, into the ITs' repository.
import java.util.zip.ZipEntry
import java.util.zip.ZipOutputStream

def dir = new File(localRepositoryPath, 'it/greeting-headers/1.0')
dir.mkdirs()
new File(dir, 'greeting-headers-1.0.pom').text = '''<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>it</groupId>
  <artifactId>greeting-headers</artifactId>
  <version>1.0</version>
</project>
'''
new File(dir, 'greeting-headers-1.0.jar').withOutputStream { out ->
    def zip = new ZipOutputStream(out)
    zip.putNextEntry(new ZipEntry('include/greeting/greeting.h'))
    zip << '#define GREETING "hello"\n'
    zip.closeEntry()
    zip.close()
}
return true
