// A C plugin of three sources (one in a sub-folder) and a private header: built, checked, installed.
def release = evaluate(new File(itScripts, 'release.groovy'))
def log = new File(basedir, 'build.log').text
def plugin = new File(basedir, 'target/10-c-multi-file.so')

assert plugin.isFile() : "no ${plugin}"
assert log.contains('Compiling 3 of 3 sources')
assert log =~ /10-c-multi-file\.so \(linux-\w+\) exports mq_version, mq_initialize, mq_smtp_in_mailfrom\n/

def database = new File(basedir, 'target/compile_commands.json').text
assert (database =~ /"file": /).count == 3
assert database.contains(new File(basedir, 'src/main/c/util/strings.c').absolutePath)
assert database.contains('"-fvisibility=hidden"') && database.contains('"-fPIC"')
assert database.contains('"-I' + new File(basedir, 'target/mailerq/include').absolutePath + '"')
assert new File(basedir, 'target/mailerq/include/mailerq.h').isFile()
// compiled for the release: the plugin calls that release's functions
assert database.contains("\"-DMQ_MAILERQ_VERSION=${release.macro}\"")
def nm = ['nm', '-D', '--undefined-only', plugin.absolutePath].execute()
def called = nm.text.readLines().collect { it.split(/\s+/)[-1] }.findAll { it.startsWith('MQ_') }
assert nm.waitFor() == 0
assert called == (release.connection ? ['MQ_email', 'MQ_send'] : ['MQ_SmtpSend']) : "calls ${called}"

// install published the .so as the main artifact, a platform-classified copy and the descriptor
def installed = new File(localRepositoryPath, 'it/c-multi-file/1.0')
def platform = (log =~ /\((linux-\w+)\) exports/)[0][1]
assert new File(installed, 'c-multi-file-1.0.so').bytes == plugin.bytes
assert new File(installed, "c-multi-file-1.0-${platform}.so").bytes == plugin.bytes
def descriptor = new File(installed, 'c-multi-file-1.0-mailerq-plugin.properties').text
assert descriptor.contains("platform=${platform}\n")
assert descriptor.contains('file=10-c-multi-file.so\n')
assert descriptor.contains('order=10\n')
assert descriptor.contains("apiVersion=${release.apiVersion}\n")
assert descriptor.contains('hooks=mq_version,mq_initialize,mq_smtp_in_mailfrom\n')

// the generated help goal
assert log.contains('mailerq:compile') && log.contains('mailerq:check') && log.contains('mailerq:package')
return true
