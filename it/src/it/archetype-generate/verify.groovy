// archetype:generate into an empty folder, as a newcomer runs it: no warning, an honest README.
def pom = new File(basedir, 'pom.xml').text
def property = { String name -> (pom =~ "<${name}>([^<]+)</${name}>")[0][1] }
def empty = new File(basedir, 'target/empty')
empty.mkdirs()
def settings = evaluate(new File(itScripts, 'rerun-settings.groovy'))
def command = ["${mavenHome}/bin/mvn", '-B', '-s', settings.absolutePath, "-Dmaven.repo.local=${localRepositoryPath}",
               "org.apache.maven.plugins:maven-archetype-plugin:${property('archetype.plugin.version')}:generate",
               '-DarchetypeGroupId=dev.mqkit', '-DarchetypeArtifactId=mailerq-plugin-archetype',
               "-DarchetypeVersion=${property('mqkit.version')}", '-DgroupId=com.example', '-DartifactId=hello-plugin',
               '-Dversion=1.0.0', '-Dpackage=com.example', '-Dorder=20', '-DinteractiveMode=false',
               // the toolkit's archetype is in no catalog: no need to download Maven Central's
               '-DarchetypeCatalog=internal']
def process = new ProcessBuilder(command*.toString()).directory(empty).redirectErrorStream(true).start()
def output = process.inputStream.text
process.waitFor()
new File(basedir, 'generate.log').text = output
assert output.contains('BUILD SUCCESS') : output
assert !output.contains("Don't override") : output
def project = new File(empty, 'hello-plugin')
assert new File(project, 'pom.xml').text.contains('<packaging>mailerq-plugin</packaging>')
def readme = new File(project, 'README.md').text
assert !readme.contains('every hook MailerQ calls')
assert readme.contains('`mq_version` and the five hooks it uses')
return true
