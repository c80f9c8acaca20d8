/**
 * The runtime's configuration: {@link dev.mqkit.api.config.RuntimeConfig} holds every
 * {@link dev.mqkit.api.config.ConfigKey} (those shared with MailerQ and the runtime's own), read
 * from a MailerQ-style file and overridden on the command line by
 * {@link dev.mqkit.api.config.CommandLine}. Bad input fails early with a
 * {@link dev.mqkit.api.config.ConfigException} naming the file and line or the option.
 */
package dev.mqkit.api.config;
