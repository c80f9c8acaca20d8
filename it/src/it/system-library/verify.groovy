// A plugin that uses libcurl, built three ways: without libcurl linked (check refuses it, naming the symbol, the
// library and the fix), with a call of an undeclared function (an error, not a warning), and with
// <pkgConfig>libcurl</pkgConfig> (built in gcc's own C dialect, which declares strdup; its descriptor and the
// assembled plugin directory name libcurl.so.4 as what the servers must have).
def release = evaluate(new File(itScripts, 'release.groovy'))

// the three builds write one build.log, one after the other: each from Maven's "Building <artifactId>" on
def log = new File(basedir, 'build.log').text
def build = { String artifactId ->
    def start = log.indexOf("Building ${artifactId} 1.0")
    assert start >= 0 : "no build of ${artifactId} in build.log"
    def end = log.indexOf('Finished at:', start)
    log.substring(start, end < 0 ? log.length() : end)
}
def unlinked = build('unlinked')
assert unlinked =~ /20-unlinked\.so calls [^\n]*curl_easy_init[^\n]*, which neither MailerQ ${release.version} nor a library the plugin is linked with defines, so MailerQ would refuse to load it \(undefined symbol\): they are libcurl\.so\.4's; link it with <pkgConfig><module>libcurl<\/module><\/pkgConfig>/
assert unlinked.contains('BUILD FAILURE')
assert !new File(basedir, 'unlinked/target/mailerq/mailerq-plugin.properties').exists()

def undeclared = build('undeclared')
assert undeclared =~ /undeclared\.c:11:\d+: error: implicit declaration of function .policy_lookup./
assert !new File(basedir, 'undeclared/target/20-undeclared.so').exists()

def linked = build('rcpt-policy')
def plugin = new File(basedir, 'linked/target/20-rcpt-policy.so')
assert linked.contains('pkg-config libcurl: ')
assert plugin.isFile()
def database = new File(basedir, 'linked/target/compile_commands.json').text
assert database.contains('"-std=gnu17"') && database.contains('"-Werror=implicit-function-declaration"')

// the plugin loads with what it needs and runs: strdup's pointer is whole, libcurl is there
def target = new File(basedir, 'linked/target')
new File(target, 'load.c').text = '''#include <dlfcn.h>
#include <stdio.h>
int main(int argc, char **argv)
{
    void *plugin = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (plugin == NULL) { fprintf(stderr, "%s\\n", dlerror()); return 1; }
    ((void (*)(void)) dlsym(plugin, "mq_initialize"))();
    ((void (*)(void)) dlsym(plugin, "mq_cleanup"))();
    puts("initialized and cleaned up");
    return 0;
}
'''
def cc = ['cc', '-o', new File(target, 'load').path, new File(target, 'load.c').path, '-ldl'].execute()
assert cc.waitFor() == 0 : cc.errorStream.text
def load = [new File(target, 'load').path, plugin.path].execute()
def loaded = load.text
assert load.waitFor() == 0 && loaded.contains('initialized and cleaned up') : "${loaded}${load.errorStream.text}"

// the descriptor names the release and what the servers must have; package and assemble say so
def dpkg = ['dpkg', '-S', '/usr/lib/x86_64-linux-gnu/libcurl.so.4'].execute()
def debian = dpkg.waitFor() == 0 ? 'libcurl4' : null
def descriptor = new File(basedir, 'linked/target/mailerq/mailerq-plugin.properties').text
assert descriptor.contains("mailerqVersion=${release.version}\n")
assert descriptor.contains('systemLibraries=libcurl.so.4\n')
if (debian) {
    assert descriptor.contains("systemLibrary.libcurl.so.4.debianPackage=${debian}\n")
    assert linked.contains('the MailerQ servers must have libcurl.so.4 (Debian package libcurl4)')
    assert linked.contains('The MailerQ servers must have installed (system-libraries.txt): libcurl.so.4 (Debian package '
            + 'libcurl4) for it.system:rcpt-policy:1.0')
}
def manifest = new File(basedir, 'linked/target/plugin-directory/system-libraries.txt')
assert manifest.readLines().contains("libcurl.so.4\t${debian ?: '-'}\tit.system:rcpt-policy:1.0".toString())
assert new File(basedir, 'linked/target/plugin-directory/20-rcpt-policy.so').bytes == plugin.bytes
return true
