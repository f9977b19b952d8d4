#ifndef CLUASHIM_CODEC_H
#define CLUASHIM_CODEC_H
#include "CLuaShim.h"
#include <lua.h>

typedef struct codec_reader { const uint8_t *bytes; size_t length; size_t offset; } codec_reader;
typedef struct codec_writer {
    uint8_t *bytes; size_t length; size_t capacity;
    size_t limit;          /* the length the writer may not pass */
    size_t budget;         /* the budget behind `limit`, for the message */
    int scope;             /* its CLUA_SCOPE_* */
    int *exceeded;         /* set to scope + 1 when the limit is hit (may be NULL) */
} codec_writer;

/* Pushes every encoded value; returns how many. May raise (call it protected). */
int codec_push_values(lua_State *L, codec_reader *reader);
/* Appends the values at stack indices first..last. May raise (call it protected). */
void codec_write_values(lua_State *L, codec_writer *writer, int first, int last);
/* Appends n raw bytes. May raise (call it protected). */
void codec_write_raw(lua_State *L, codec_writer *writer, const void *bytes, size_t n);
#endif
