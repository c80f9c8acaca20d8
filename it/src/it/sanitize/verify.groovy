// -Dmailerq.sanitize=address,undefined: each bug fails its module's exercise naming the kind, the hook and the
// plugin's own line; the clean plugin passes, exercise and tests, on the sanitized builds of itself and of the
// plugin it depends on; what is installed is the plain build. Then: a plain build after the sanitized one, a
// no-change sanitized compile, and the sanitized build with clang where it is installed.
import groovy.json.JsonSlurper

evaluate(new File(itScripts, 'release.groovy'))
def line = { String module, String marker ->
    def source = new File(basedir, "${module}/src/main/c/${module}.c")
    def index = source.readLines().findIndexOf { it.contains("/* ${marker} */") }
    assert index >= 0 : "no ${marker} in ${source}"
    "src/main/c/${module}.c:${index + 1}"
}
def report = { String module -> new JsonSlurper().parse(new File(basedir, "${module}/target/mailerq/exercise.json")) }

// what each bug must be reported as: kind, hook, plugin, sanitizer, the plugin's lines (the exercise's sender has 25 bytes)
def expected = [
    'overflow': ["heap-buffer-overflow in mq_smtp_in_mailfrom of 30-san-overflow.so (AddressSanitizer): WRITE of "
            + "size 1 at ${line('overflow', 'OVERFLOW')} (mq_smtp_in_mailfrom), 0 bytes to the right of 25-byte region; "
            + "allocated at ${line('overflow', 'ALLOCATED')} (mq_smtp_in_mailfrom); keep every read and write inside"],
    'use-after-free': ["heap-use-after-free in mq_smtp_in_close of 31-san-use-after-free.so (AddressSanitizer): READ "
            + "of size 4 at ${line('use-after-free', 'USED')} (mq_smtp_in_close), 0 bytes inside of 4-byte region; "
            + "freed at ${line('use-after-free', 'FREED')} (mq_smtp_in_close); allocated at "
            + "${line('use-after-free', 'ALLOCATED')} (mq_smtp_in_connect); do not touch memory after freeing it"],
    'leak': ["leak in mq_smtp_in_connect of 32-san-leak.so (LeakSanitizer): 104 byte(s) in 1 object(s) allocated at "
            + "${line('leak', 'LEAKED')} (mq_smtp_in_connect) and never freed; free it when done with it"],
    'signed-overflow': ["signed-integer-overflow in mq_smtp_in_rcptto of 33-san-signed-overflow.so "
            + "(UndefinedBehaviorSanitizer): runtime error: signed integer overflow: ",
            " cannot be represented in type 'int' at ${line('signed-overflow', 'OVERFLOW')} (mq_smtp_in_rcptto); "
            + "compute in a wider type"],
]

def checkSanitizedRun = { String log, String compiler ->
    expected.each { module, parts ->
        parts.each { part -> assert log.contains(part.toString()) : "${compiler}, ${module}: no '${part}' in the log" }
        def json = report(module)
        assert !json.passed && json.sanitized && json.sanitizers == ['address', 'undefined'] : "${compiler}, ${module}"
        assert json.problems.every { !it.contains('JavaCalls') && !it.contains('libjvm') } : json.problems
    }
    // the clean plugin: exercise and tests on the sanitized builds of itself and of the plugin it depends on
    def clean = report('clean')
    assert clean.passed && clean.delivered == 2 && clean.sanitized : clean.problems
    assert clean.sanitizerRuntimes.every { new File(it).exists() }
    assert log.contains('Exercising 20-san-clean.so in the embedded runtime (timeout 10s); sanitized builds: '
            + '10-san-base.so, 20-san-clean.so; -fsanitize=address,undefined, ')
    assert log =~ /sanitized: built with -fsanitize=address,undefined, run with AddressSanitizer, LeakSanitizer, UndefinedBehaviorSanitizer \((libasan\.so, libubsan\.so|libclang_rt\.asan-\w+\.so) preloaded\)/
    assert log.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0') : "${compiler}: SanitizedIT"
    def directory = new File(basedir, 'clean/target/mailerq/sanitize/plugin-directory')
    assert directory.list().sort() == ['10-san-base.so', '20-san-clean.so']
    ['base': '10-san-base.so', 'clean': '20-san-clean.so'].each { module, file ->
        def sanitized = new File(basedir, "${module}/target/mailerq/sanitize/${file}")
        assert new File(directory, file).bytes == sanitized.bytes
        assert new String(sanitized.bytes, 'ISO-8859-1').contains('__asan_init') : "${file} is not sanitized"
        assert !new String(new File(basedir, "${module}/target/${file}").bytes, 'ISO-8859-1').contains('__asan')
    }
}

def log = new File(basedir, 'build.log').text
checkSanitizedRun(log, 'gcc')
// mvn install after (and with) a sanitized run installs the plain builds, the packaged artifacts
def installed = { String module, String file ->
    def so = new File(localRepositoryPath, "it/sanitize/san-${module}/1.0/san-${module}-1.0.so")
    assert so.bytes == new File(basedir, "${module}/target/${file}").bytes : "${so} is not the plain build"
}
installed('base', '10-san-base.so')
installed('clean', '20-san-clean.so')
def sanitizedSeconds = report('clean').seconds

// Maven again, offline, in the same repositories as the invoker's run
def settings = evaluate(new File(itScripts, 'rerun-settings.groovy'))
def compiler = (new File(basedir, 'clean/target/compile_commands.json').text =~ /"arguments": \["([^"]+)"/)[0][1]
def mvn = { boolean succeeds, String... args ->
    def command = ["${mavenHome}/bin/mvn", '-o', '-B', '-s', settings.absolutePath,
                   "-Dmaven.repo.local=${localRepositoryPath}", "-Dmailerq.version=${mailerqVersion}"] + args.toList()
    def builder = new ProcessBuilder(command*.toString()).directory(basedir).redirectErrorStream(true)
    builder.environment().put('CC', compiler)
    def process = builder.start()
    def output = process.inputStream.text
    new File(basedir, "build-${System.nanoTime()}.log").text = output
    assert (process.waitFor() == 0) == succeeds : output
    return output
}

// a plain build after the sanitized one: nothing sanitized, the sanitized build left as it is
def twin = new File(basedir, 'clean/target/mailerq/sanitize/20-san-clean.so')
def twinTime = twin.lastModified()
def plain = mvn(true, 'install', '-pl', 'base,clean', '-Dmailerq.timeout=10s')
assert !plain.contains('Sanitized build') && !plain.contains('sanitized builds') : plain
assert plain.contains('Nothing to compile: 1 source up to date') : plain
assert !report('clean').sanitized && report('clean').sanitizers == [] && report('clean').passed
assert plain.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0') : plain
assert twin.lastModified() == twinTime
installed('clean', '20-san-clean.so')
println "exercise of 20-san-clean.so: ${sanitizedSeconds} s sanitized (address,undefined), ${report('clean').seconds} s plain"

// a sanitized compile with nothing changed: both builds up to date
def again = mvn(true, 'compile', '-pl', 'clean', '-Dmailerq.sanitize=address,undefined')
assert again =~ /Sanitized build \(-fsanitize=address,undefined\) in target\/mailerq\/sanitize\n.*Nothing to compile: 1 source up to date\n.*target\/mailerq\/sanitize\/20-san-clean\.so is up to date/ : again
assert twin.lastModified() == twinTime

// clang, where it is installed (.ci/run installs it)
def clang = ['clang', '--version'].execute()
clang.waitForProcessOutput(new StringBuilder(), new StringBuilder())
if (clang.exitValue() == 0) {
    def withClang = mvn(false, 'verify', '-fae', '-Dmailerq.sanitize=address,undefined', '-Dmailerq.timeout=10s',
            '-Dmailerq.cc=clang', '-Dmailerq.cxx=clang++')
    assert withClang.contains('Compiling 1 of 1 source with clang') : withClang
    checkSanitizedRun(withClang, 'clang')
} else {
    println 'clang is not installed: the sanitized build is checked with gcc only'
}
return true
