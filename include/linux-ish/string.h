/* String and memory helpers (lib/string.c). */
#ifndef _LINUX_ISH_STRING_H
#define _LINUX_ISH_STRING_H

#include <linux-ish/types.h>
#include <asm/string.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *s, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr_inv(const void *s, int c, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
size_t strlcpy(char *dst, const char *src, size_t size);
char *strsep(char **s, const char *delim);
void *memchr(const void *s, int c, size_t n);
char *strstr(const char *hay, const char *needle);
char *skip_spaces(const char *s);

#endif
