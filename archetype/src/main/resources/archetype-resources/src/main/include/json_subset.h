#if MQ_MAILERQ_VERSION < 50000 /* json-c, MailerQ 2.1-4.4; archetype-post-generate.groovy keeps the chosen release's lines */
/*
 * The few json-c functions this plugin calls, declared by hand.
 *
 * MailerQ loads json-c globally before any plugin (and so does the mqkit
 * runtime), so a plugin may call json-c without linking it. Its header,
 * <json-c/json.h>, is only on machines with libjson-c-dev; declaring the
 * functions here keeps the project building anywhere gcc is. The
 * declarations match json-c 0.13 and newer. To use more of json-c, install
 * libjson-c-dev and include <json-c/json.h> instead of this file.
 */
#ifndef JSON_SUBSET_H
#define JSON_SUBSET_H

#ifdef __cplusplus
extern "C" {
#endif

struct json_object;

/* A new string object holding a copy of the len bytes at s; owned by the caller until added to an object. */
struct json_object *json_object_new_string_len(const char *s, const int len);

/* Sets key in obj to val, taking over the caller's reference to val; 0 on success. */
int json_object_object_add(struct json_object *obj, const char *key, struct json_object *val);

/* Finds key in obj: non-zero and *value set when it is there (the reference stays obj's). */
int json_object_object_get_ex(const struct json_object *obj, const char *key, struct json_object **value);

/* The string value of obj (NUL-terminated, owned by obj), or NULL for a NULL obj. */
const char *json_object_get_string(struct json_object *obj);

/* The length of the string value of obj. */
int json_object_get_string_len(const struct json_object *obj);

#ifdef __cplusplus
}
#endif

#endif
#else /* libfastjson, MailerQ 5.0 and later */
/*
 * The few libfastjson functions this plugin calls, declared by hand.
 *
 * From 5.0, MailerQ's JSON library is libfastjson (a fork of json-c whose
 * names start with fjson_), and MQ_json returns a struct fjson_object *.
 * MailerQ loads libfastjson globally before any plugin (and so does the
 * mqkit runtime), so a plugin may call it without linking it. Its header,
 * <libfastjson/json.h>, is only on machines with libfastjson-dev; declaring
 * the functions here keeps the project building anywhere gcc is. The
 * declarations match libfastjson 0.99 and newer. To use more of libfastjson,
 * install libfastjson-dev and include <libfastjson/json.h> instead of this
 * file.
 */
#ifndef JSON_SUBSET_H
#define JSON_SUBSET_H

#ifdef __cplusplus
extern "C" {
#endif

struct fjson_object;

/* A new string object holding a copy of the len bytes at s; owned by the caller until added to an object. */
struct fjson_object *fjson_object_new_string_len(const char *s, int len);

/* Sets key in obj to val, taking over the caller's reference to val. */
void fjson_object_object_add(struct fjson_object *obj, const char *key, struct fjson_object *val);

/* Finds key in obj: non-zero and *value set when it is there (the reference stays obj's). */
int fjson_object_object_get_ex(struct fjson_object *obj, const char *key, struct fjson_object **value);

/* The string value of obj (NUL-terminated, owned by obj), or NULL for a NULL obj. */
const char *fjson_object_get_string(struct fjson_object *obj);

/* The length of the string value of obj. */
int fjson_object_get_string_len(struct fjson_object *obj);

#ifdef __cplusplus
}
#endif

#endif
#endif
