// Each refusal names the artifact, what was found, what was expected, and the fix.
def release = evaluate(new File(itScripts, 'release.groovy'))
def log = new File(basedir, 'build.log').text
def arch = System.getProperty('os.arch')
def platform = 'linux-' + ([amd64: 'x86_64', x86_64: 'x86_64', arm64: 'aarch64'][arch] ?: arch)
def other = platform == 'linux-aarch64' ? 'linux-x86_64' : 'linux-aarch64'

// 1. two plugins that would both be 10-filter.so
assert log.contains('Two plugins would get the same file name in the plugin directory, and MailerQ would load '
        + 'only one of them: 10-filter.so would be it.errors.a:filter:1.0 and it.errors.b:filter:1.0. '
        + 'Give one of them another order')
assert !new File(basedir, 'name-clash/target/plugin-directory').exists()

// 2. three bad dependencies and an override for a plugin that is not there, all in one failure
assert log.contains('Cannot assemble the plugin directory:')
assert log.contains('- it.errors:libfoo:1.0 is not a MailerQ plugin: it was published without a '
        + 'mailerq-plugin.properties descriptor')
assert log.contains("- it.errors:arm-only:1.0 is built for ${other}, not for ${platform}: depend on its ${platform} "
        + "classifier or build it on ${platform}")
assert log.contains('- it.errors:future:1.0 is built for MailerQ plugin API version 99, not for version '
        + "${release.apiVersion} of this toolkit's mailerq.h, so MailerQ would refuse to load it")
assert log.contains('- <orders> names spam-filter, which is not among the plugin dependencies (arm-only, future, '
        + 'libfoo): fix the name or add the dependency with <type>mailerq-plugin</type>')
assert !new File(basedir, 'bad-dependencies/target/plugin-directory').exists()

// 3. the clash resolved with an order for groupId.artifactId
def resolved = new File(basedir, 'clash-resolved/target/plugin-directory')
assert resolved.list().sort() == ['10-filter.so', '11-filter.so']
assert new File(resolved, '10-filter.so').text.endsWith('it.errors.a:filter')
assert new File(resolved, '11-filter.so').text.endsWith('it.errors.b:filter')
return true
