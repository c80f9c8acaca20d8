// archetype:generate into empty folders, as a newcomer runs it: no warning, an honest README; a 5.13 project
// by default, a 3.0 one with -DmailerqVersion=3.0, and a release the toolkit does not know refused.
def pom = new File(basedir, 'pom.xml').text
def property = { String name -> (pom =~ "<${name}>([^<]+)</${name}>")[0][1] }
def settings = evaluate(new File(itScripts, 'rerun-settings.groovy'))
// runs archetype:generate with these arguments in the empty folder target/<folder>; returns Maven's output
def generate = { String folder, List<String> arguments ->
    def empty = new File(basedir, "target/${folder}")
    empty.mkdirs()
    def command = ["${mavenHome}/bin/mvn", '-B', '-s', settings.absolutePath, "-Dmaven.repo.local=${localRepositoryPath}",
                   "org.apache.maven.plugins:maven-archetype-plugin:${property('archetype.plugin.version')}:generate",
                   '-DarchetypeGroupId=dev.mqkit', '-DarchetypeArtifactId=mailerq-plugin-archetype',
                   "-DarchetypeVersion=${property('mqkit.version')}", '-DgroupId=com.example', '-DartifactId=hello-plugin',
                   '-Dversion=1.0.0', '-Dpackage=com.example', '-Dorder=20', '-DinteractiveMode=false',
                   // the toolkit's archetype is in no catalog: no need to download Maven Central's
                   '-DarchetypeCatalog=internal'] + arguments
    def process = new ProcessBuilder(command*.toString()).directory(empty).redirectErrorStream(true).start()
    def output = process.inputStream.text
    process.waitFor()
    new File(basedir, "generate-${folder}.log").text = output
    return output
}

// the default: MailerQ 5.13, the 4.0-5.13 API, libfastjson
def output = generate('default', [])
assert output.contains('BUILD SUCCESS') : output
assert !output.contains("Don't override") : output
def project = new File(basedir, 'target/default/hello-plugin')
def projectPom = new File(project, 'pom.xml').text
assert projectPom.contains('<packaging>mailerq-plugin</packaging>') && projectPom.contains('<mailerqVersion>5.13</mailerqVersion>')
def readme = new File(project, 'README.md').text
assert !readme.contains('every hook MailerQ calls')
assert readme.contains('`mq_version` and the six hooks it uses') && readme.contains('A MailerQ plugin in C for MailerQ 5.13')
def source = new File(project, 'src/main/c/hello-plugin.c').text
assert source.contains('MQ_EXPORT bool mq_smtp_in_message(MQ_Context *context, MQ_Connection *connection, MQ_Message *message)')
assert source.contains('MQ_log(MQ_INFO, line);') && !source.contains('MQ_MAILERQ_VERSION')
assert new File(project, 'src/main/include/json_subset.h').text.contains('struct fjson_object;')

// MailerQ 3.0: the 2.1/3.x API, json-c
output = generate('3.0', ['-DmailerqVersion=3.0'])
assert output.contains('BUILD SUCCESS') : output
project = new File(basedir, 'target/3.0/hello-plugin')
assert new File(project, 'pom.xml').text.contains('<mailerqVersion>3.0</mailerqVersion>')
readme = new File(project, 'README.md').text
assert readme.contains('`mq_version` and the five hooks it uses') && readme.contains('A MailerQ plugin in C for MailerQ 3.0')
source = new File(project, 'src/main/c/hello-plugin.c').text
assert source.contains('MQ_EXPORT bool mq_smtp_in_message(MQ_Context *context, MQ_SmtpConnection *connection, MQ_Message *message)')
assert !source.contains('MQ_Connection') && !source.contains('MQ_MAILERQ_VERSION')
assert new File(project, 'src/main/include/json_subset.h').text.contains('struct json_object;')

// a release the toolkit does not know: refused, naming the known ones, and no project is left
output = generate('unknown', ['-DmailerqVersion=6.0'])
assert output.contains('BUILD FAILURE') : output
assert output.contains("mailerqVersion must be a MailerQ release the toolkit knows (2.1, 3.0, 4.0, 4.1, 4.2, 4.3, 4.4, 5.0, ") : output
assert output.contains("not '6.0'") : output
assert !new File(basedir, 'target/unknown/hello-plugin').exists()
return true
