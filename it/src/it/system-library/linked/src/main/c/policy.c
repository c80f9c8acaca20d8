#include <mailerq.h>
#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>

/* strdup is POSIX: the default C dialect declares it; an implicit int declaration would cut the pointer */
static char *agent;
static CURL *curl;

MQ_EXPORT int mq_version(void)
{
    return MQ_API_VERSION;
}

MQ_EXPORT void mq_initialize(void)
{
    agent = strdup("rcpt-policy/1.0");
    curl = curl_easy_init();
    if (curl != NULL) curl_easy_setopt(curl, CURLOPT_USERAGENT, agent);
}

MQ_EXPORT void mq_cleanup(void)
{
    curl_easy_cleanup(curl);
    free(agent);
}
