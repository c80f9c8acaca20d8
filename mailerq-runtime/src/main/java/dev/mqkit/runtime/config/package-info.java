/**
 * The runtime's configuration: {@link dev.mqkit.runtime.config.RuntimeConfig} holds every
 * {@link dev.mqkit.runtime.config.ConfigKey} (those shared with MailerQ and the runtime's own), read
 * from a MailerQ-style file and overridden on the command line by
 * {@link dev.mqkit.runtime.config.CommandLine}. Bad input fails early with a
 * {@link dev.mqkit.runtime.config.ConfigException} naming the file and line or the option.
 */
package dev.mqkit.runtime.config;
