// A C project for MailerQ 5.13, the default release (archetype.properties names none), built, exercised and tested
// in the embedded runtime with -Werror, on its coverage build (-Dmailerq.coverage), as its README tells.
language = 'c'
mailerqVersion = '5.13'
macro = 51300
hooks = ['mq_version', 'mq_smtp_in_connect', 'mq_smtp_in_authenticate', 'mq_smtp_in_message', 'mq_smtp_in_close', 'mq_smtp_out_data', 'mq_smtp_out_sent']
tested = true
File project = evaluate(new File(basedir, '../generated-project.groovy'))
assert new File(project, 'target/test-classes/com/example/hello/AuthenticatedUserIT.class').isFile()
def readme = new File(project, 'README.md').text
assert readme.replaceAll(/\s+/, ' ').contains('written in that release\'s plugin API, the one of MailerQ 4.0 to 5.13')
assert readme.contains('libfastjson functions the plugin calls')
assert readme.contains('`mq_smtp_out_sent` writes a line to MailerQ\'s log')
// the README says how to see coverage, and the build wrote what it names; the packaged plugin is the plain build
assert readme.contains('mvn verify -Dmailerq.coverage ') && readme.contains('[INFO] coverage of 20-hello-c.so: lines ')
def log = new File(project, 'build.log').text
assert log =~ /\[INFO\] coverage of 20-hello-c\.so: lines 100% \((\d+)\/\1\), branches \d+% \(\d+\/\d+\); report in target\/site\/mailerq-coverage\/index\.html/
['index.html', 'cobertura.xml', 'src_main_c_hello-c.c.html'].each {
    assert new File(project, "target/site/mailerq-coverage/${it}").isFile() : it
}
assert !new String(new File(project, 'target/20-hello-c.so').bytes, 'ISO-8859-1').contains('__gcov_')
// the tests look for the 5.13 hook too
assert new File(project, 'src/test/java/com/example/hello/AuthenticatedUserIT.java').text
        .contains('assertHookCalled(mailerq, PLUGIN, "mq_smtp_out_sent");')
return true
