// -Dmailerq.coverage: the exercise and a test run the coverage builds of a C plugin (gcc) and a C++ plugin (clang);
// the counts of both runtime processes are merged, in the Cobertura XML line by line, in the HTML and in the log;
// the plugins' own headers count, mailerq.h does not; the packaged .so carries no instrumentation. Then the gate,
// lines and branches, and coverage together with the sanitizers.
import groovy.xml.XmlSlurper

def log = new File(basedir, 'build.log').text
def line = { String file, String marker ->
    def index = new File(basedir, file).readLines().findIndexOf { it.contains(marker) }
    assert index >= 0 : "no ${marker} in ${file}"
    index + 1
}
def cobertura = { String module ->
    def parser = new XmlSlurper(false, false, true)
    parser.setFeature('http://apache.org/xml/features/nonvalidating/load-external-dtd', false)
    parser.parse(new File(basedir, "${module}/target/site/mailerq-coverage/cobertura.xml"))
}
def hits = { xml, String file -> xml.packages.package.classes.class.find { it.@filename == file }.lines.line
        .collectEntries { [(it.@number.toInteger()): it.@hits.toLong()] } }
def conditions = { xml, String file -> xml.packages.package.classes.class.find { it.@filename == file }.lines.line
        .findAll { it.@branch == 'true' }.collectEntries { [(it.@number.toInteger()): it.@'condition-coverage'.toString()] } }

// C, gcc: the exercise's two RCPTs and the test's one; TESTED only by the test, NEVER by no one
def c = cobertura('c')
assert c.@'lines-covered' == '11' && c.@'lines-valid' == '12' : c.attributes()
assert c.@'branches-covered' == '6' && c.@'branches-valid' == '8' : c.attributes()
assert c.packages.package.classes.class*.@filename*.toString() == ['src/main/c/recipients.c', 'src/main/include/domains.h']
def recipients = hits(c, 'src/main/c/recipients.c')
assert recipients[line('c/src/main/c/recipients.c', 'int mq_version')] == 2 : 'one load per runtime process: ' + recipients
assert recipients[line('c/src/main/c/recipients.c', 'MQ_email(address)')] == 3 : recipients
assert recipients[line('c/src/main/c/recipients.c', '/* TESTED */')] == 1 : recipients
assert recipients[line('c/src/main/c/recipients.c', '/* NEVER */')] == 0 : recipients
assert conditions(c, 'src/main/c/recipients.c')[line('c/src/main/c/recipients.c', 'email == NULL')] == '50% (1/2)'
// the header's function: at is never NULL, so one of its four branches is never taken
assert hits(c, 'src/main/include/domains.h').values().toList() == [3L, 3L, 3L]
assert conditions(c, 'src/main/include/domains.h') == [(line('c/src/main/include/domains.h', '/* LOCAL */')): '75% (3/4)']
assert log.contains('[INFO] coverage of 20-cov-c.so: lines 91% (11/12), branches 75% (6/8); report in '
        + 'target/site/mailerq-coverage/index.html')
assert log.contains('Exercising 20-cov-c.so in the embedded runtime (timeout 10s); coverage builds: 20-cov-c.so')

// C++, clang: the template in the header counts; LOW and the NULL case are missed, HIGH only by the test
def cpp = cobertura('cpp')
assert cpp.@'lines-covered' == '12' && cpp.@'lines-valid' == '13' : cpp.attributes()
assert cpp.@'branches-covered' == '4' && cpp.@'branches-valid' == '6' : cpp.attributes()
def bounds = hits(cpp, 'src/main/include/bounds.hpp')
assert bounds[line('cpp/src/main/include/bounds.hpp', '// LOW')] == 0 : bounds
assert bounds[line('cpp/src/main/include/bounds.hpp', '// HIGH')] == 1 : bounds
assert bounds[line('cpp/src/main/include/bounds.hpp', 'return value;')] == 2 : bounds
assert conditions(cpp, 'src/main/cpp/lengths.cpp') == [(line('cpp/src/main/cpp/lengths.cpp', 'NULL: never taken')): '50% (1/2)']
assert log.contains('[INFO] coverage of 20-cov-cpp.so: lines 92% (12/13), branches 66% (4/6)')
assert log.contains('Linked target/mailerq/coverage/20-cov-cpp.so with clang++')

// the HTML: the summary page links a page per file; the file with the missed line shows it in red
['c': ['src_main_c_recipients.c.html', 'src_main_include_domains.h.html'],
 'cpp': ['src_main_include_bounds.hpp.html', 'src_main_cpp_lengths.cpp.html']].each { module, pages ->
    def site = new File(basedir, "${module}/target/site/mailerq-coverage")
    assert site.list().sort() == (['cobertura.xml', 'index.html'] + pages).sort()
    pages.each { assert new File(site, 'index.html').text.contains("<a href=\"${it}\">") }
    assert new File(site, pages[0]).text.contains('class=missed') && !new File(site, pages[1]).text.contains('class=missed')
    // the packaged plugin is the plain build; the coverage build beside it is instrumented
    def packaged = new String(new File(basedir, "${module}/target/20-cov-${module}.so").bytes, 'ISO-8859-1')
    def instrumented = new String(new File(basedir, "${module}/target/mailerq/coverage/20-cov-${module}.so").bytes, 'ISO-8859-1')
    assert !packaged.contains('__gcov_') && !packaged.contains('__llvm_gcov') : "${module}: the packaged .so is instrumented"
    assert instrumented.contains('gcda') : "${module}: the coverage build is not instrumented"
    // every runtime process left a file in runs/ as it loaded the plugin, and took it away as it wrote its counts
    def runs = new File(basedir, "${module}/target/mailerq/coverage/runs")
    assert instrumented.contains(runs.absolutePath) && runs.list() == [] as String[]
}
assert !log.contains('No counts from')

// Maven again, offline, in the same repositories as the invoker's run: the gate on the counts just written
def settings = evaluate(new File(itScripts, 'rerun-settings.groovy'))
def mvn = { boolean succeeds, String... args ->
    def command = ["${mavenHome}/bin/mvn", '-o', '-B', '-s', settings.absolutePath,
                   "-Dmaven.repo.local=${localRepositoryPath}"] + args.toList()
    def process = new ProcessBuilder(command*.toString()).directory(basedir).redirectErrorStream(true).start()
    def output = process.inputStream.text
    new File(basedir, "build-${System.nanoTime()}.log").text = output
    assert (process.waitFor() == 0) == succeeds : output
    return output
}
def lines = mvn(false, '-pl', 'c', 'mailerq:coverage', '-Dmailerq.coverage', '-Dmailerq.coverage.minimum=0.95')
assert lines.contains('Coverage of 20-cov-c.so is below its minimum: lines 91% (11/12) < 95% (mailerq.coverage.minimum)\n'
        + "[ERROR] - src/main/c/recipients.c: lines 88% (8/9), branches 75% (3/4); missed lines ${line('c/src/main/c/recipients.c', '/* NEVER */')}; "
        + "untaken branches on lines ${line('c/src/main/c/recipients.c', 'email == NULL')}\n") : lines
assert !lines.contains('- src/main/include/domains.h') : 'every line of the header ran'
def branches = mvn(false, '-pl', 'cpp', 'mailerq:coverage', '-Dmailerq.coverage', '-Dmailerq.coverage.minimum=80%',
        '-Dmailerq.coverage.branchMinimum=0.7')
assert branches.contains('Coverage of 20-cov-cpp.so is below its minimum: branches 66% (4/6) < 70% (mailerq.coverage.branchMinimum)\n'
        + "[ERROR] - src/main/cpp/lengths.cpp: lines 100% (6/6), branches 50% (1/2); untaken branches on lines "
        + "${line('cpp/src/main/cpp/lengths.cpp', 'NULL: never taken')}\n") : branches
assert !branches.contains('- src/main/include/bounds.hpp') : 'its lines and branches are above the minimums'
assert mvn(true, '-pl', 'c', 'mailerq:coverage', '-Dmailerq.coverage', '-Dmailerq.coverage.minimum=0.9')
        .contains('coverage of 20-cov-c.so: lines 91% (11/12)')

// a process that never wrote its counts (as a crash or a kill leaves it) is named in the log and the HTML
new File(basedir, 'c/target/mailerq/coverage/runs/999999999').text = '1700000000\n'
def lost = mvn(true, '-pl', 'c', 'mailerq:coverage', '-Dmailerq.coverage')
def warning = 'No counts from the runtime process 999999999 started at 2023-11-14T22:13:20Z: it ended without exit() ' +
        '(it crashed or was killed), so the lines only it ran count as missed'
assert lost.contains('[WARNING] ' + warning) : lost
assert new File(basedir, 'c/target/site/mailerq-coverage/index.html').text.contains(warning)

// with the sanitizers: the build stops at once, before compiling
def both = mvn(false, '-pl', 'c', 'compile', '-Dmailerq.coverage', '-Dmailerq.sanitize=address')
assert both.contains('-Dmailerq.coverage and -Dmailerq.sanitize=address do not go together') : both
return true
