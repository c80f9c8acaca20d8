/* Header-only code of the plugin: its lines count as the plugin's own. */
#include <string.h>

static inline int is_local(const char *email)
{
    const char *at = strchr(email, '@');
    return at != NULL && strcmp(at + 1, "example.com") == 0; /* LOCAL */
}
