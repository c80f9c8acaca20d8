// A C++ project for MailerQ 5.13. goal.txt stops before the exercise and the JUnit tests (-DskipITs) while
// the embedded runtime does not play 4.0-5.13: the build compiles the plugin with -Werror, checks it against the
// 5.13 hooks and functions, compiles the tests and packages.
language = 'cpp'
mailerqVersion = '5.13'
macro = 51300
hooks = ['mq_version', 'mq_smtp_in_connect', 'mq_smtp_in_authenticate', 'mq_smtp_in_message', 'mq_smtp_in_close', 'mq_smtp_out_data', 'mq_smtp_out_sent']
tested = false
File project = evaluate(new File(basedir, '../generated-project.groovy'))
assert new File(project, 'build.log').text.contains('Skipping the exercise and the integration tests (skipITs)')
assert new File(project, 'target/test-classes/com/example/hello/AuthenticatedUserIT.class').isFile()
return true
