/*
 * Encoding of values between Swift and Lua. Both directions run inside a
 * protected call (see vm.c), so any Lua error here is caught in C.
 *
 * Format: one tag byte, then
 *   INTEGER: int64, NUMBER: double (8 bytes each, little endian)
 *   STRING, OPAQUE: uint32 length + bytes (OPAQUE carries the Lua type name)
 *   TABLE: uint32 array count, uint32 field count, the array values, then key/value pairs.
 */
#include "codec.h"
#include <lauxlib.h>
#include <stdlib.h>
#include <string.h>

#define CODEC_MAX_DEPTH 48

/* ---- reading (Swift -> Lua) ---- */

static int rd_need(lua_State *L, codec_reader *r, size_t n) {
    if (r->length - r->offset < n) return luaL_error(L, "host encoding truncated");
    return 0;
}

static uint32_t rd_u32(lua_State *L, codec_reader *r) {
    rd_need(L, r, 4);
    uint32_t v; memcpy(&v, r->bytes + r->offset, 4); r->offset += 4; return v;
}

static void rd_value(lua_State *L, codec_reader *r, int depth);

static void rd_table(lua_State *L, codec_reader *r, int depth) {
    uint32_t narr = rd_u32(L, r), nhash = rd_u32(L, r);
    if (depth > CODEC_MAX_DEPTH) luaL_error(L, "host value nested too deeply");
    luaL_checkstack(L, 4, "host value");
    lua_createtable(L, (int)narr, (int)nhash);
    for (uint32_t i = 0; i < narr; i++) {
        rd_value(L, r, depth + 1);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    for (uint32_t i = 0; i < nhash; i++) {
        rd_value(L, r, depth + 1);
        rd_value(L, r, depth + 1);
        if (lua_isnil(L, -2)) { lua_pop(L, 2); continue; }
        lua_rawset(L, -3);
    }
}

static void rd_value(lua_State *L, codec_reader *r, int depth) {
    rd_need(L, r, 1);
    uint8_t tag = r->bytes[r->offset++];
    switch (tag) {
    case CLUA_V_NIL: lua_pushnil(L); break;
    case CLUA_V_FALSE: lua_pushboolean(L, 0); break;
    case CLUA_V_TRUE: lua_pushboolean(L, 1); break;
    case CLUA_V_INTEGER: { int64_t v; rd_need(L, r, 8); memcpy(&v, r->bytes + r->offset, 8);
        r->offset += 8; lua_pushinteger(L, (lua_Integer)v); break; }
    case CLUA_V_NUMBER: { double v; rd_need(L, r, 8); memcpy(&v, r->bytes + r->offset, 8);
        r->offset += 8; lua_pushnumber(L, (lua_Number)v); break; }
    case CLUA_V_STRING: case CLUA_V_OPAQUE: { uint32_t n = rd_u32(L, r); rd_need(L, r, n);
        lua_pushlstring(L, (const char *)r->bytes + r->offset, n); r->offset += n; break; }
    case CLUA_V_TABLE: rd_table(L, r, depth); break;
    default: luaL_error(L, "host encoding has an unknown tag %d", (int)tag);
    }
}

int codec_push_values(lua_State *L, codec_reader *r) {
    int count = 0;
    while (r->offset < r->length) {
        luaL_checkstack(L, 2, "host arguments");
        rd_value(L, r, 0);
        count++;
    }
    return count;
}

/* ---- writing (Lua -> Swift) ---- */

/* Makes room for n more bytes, or raises past the output limit (the uncommon paths of wr_room). */
static void wr_grow(lua_State *L, codec_writer *w, size_t n) {
    if (w->length + n > w->limit) {
        static const char *const scopes[] = { "per call", "per group of calls", "for all calls together" };
        if (w->exceeded) *w->exceeded = w->scope + 1;
        luaL_error(L, "results larger than the output limit of %I bytes %s",
                   (lua_Integer)(w->budget ? w->budget : w->limit), scopes[w->scope >= 0 && w->scope <= 2 ? w->scope : 0]);
    }
    if (w->length + n > w->capacity) {
        size_t cap = w->capacity ? w->capacity : 256;
        while (cap < w->length + n) cap *= 2;
        uint8_t *b = realloc(w->bytes, cap);
        if (!b) luaL_error(L, "out of memory while encoding results");
        w->bytes = b; w->capacity = cap;
    }
}

/* Room for n more bytes: two comparisons when there is (every value but a few). */
static inline void wr_room(lua_State *L, codec_writer *w, size_t n) {
    if (w->length + n > w->limit || w->length + n > w->capacity) wr_grow(L, w, n);
}

static void wr_raw(lua_State *L, codec_writer *w, const void *p, size_t n) {
    wr_room(L, w, n);
    memcpy(w->bytes + w->length, p, n);
    w->length += n;
}

/* Fixed-size writes, with the copy inlined (a call to memcpy for one to eight bytes cost more
   than the write). */
static inline void wr_tag(lua_State *L, codec_writer *w, uint8_t t) {
    wr_room(L, w, 1);
    w->bytes[w->length++] = t;
}
static inline void wr_u32(lua_State *L, codec_writer *w, uint32_t v) {
    wr_room(L, w, 4);
    memcpy(w->bytes + w->length, &v, 4);
    w->length += 4;
}
static inline void wr_tagged8(lua_State *L, codec_writer *w, uint8_t t, const void *eight) {
    wr_room(L, w, 9);
    w->bytes[w->length] = t;
    memcpy(w->bytes + w->length + 1, eight, 8);
    w->length += 9;
}

static void wr_bytes(lua_State *L, codec_writer *w, uint8_t tag, const char *s, size_t n) {
    uint32_t count = (uint32_t)n;
    wr_room(L, w, 5 + n);
    w->bytes[w->length] = tag;
    memcpy(w->bytes + w->length + 1, &count, 4);
    memcpy(w->bytes + w->length + 5, s, n);
    w->length += 5 + n;
}

static void wr_value(lua_State *L, codec_writer *w, int idx, int depth);

static void wr_table(lua_State *L, codec_writer *w, int idx, int depth) {
    if (depth > CODEC_MAX_DEPTH) luaL_error(L, "result nested too deeply (a cycle?)");
    luaL_checkstack(L, 6, "result");
    idx = lua_absindex(L, idx);
    lua_Integer n = (lua_Integer)lua_rawlen(L, idx);
    wr_tag(L, w, CLUA_V_TABLE);
    wr_u32(L, w, (uint32_t)n);
    size_t count_at = w->length;
    wr_u32(L, w, 0);
    for (lua_Integer i = 1; i <= n; i++) {
        lua_rawgeti(L, idx, i);
        wr_value(L, w, -1, depth + 1);
        lua_pop(L, 1);
    }
    uint32_t fields = 0;
    lua_pushnil(L);
    while (lua_next(L, idx) != 0) {
        int is_array = 0;
        if (lua_type(L, -2) == LUA_TNUMBER && lua_isinteger(L, -2)) {
            lua_Integer k = lua_tointeger(L, -2);
            is_array = (k >= 1 && k <= n);
        }
        if (!is_array) {
            wr_value(L, w, -2, depth + 1);
            wr_value(L, w, -1, depth + 1);
            fields++;
        }
        lua_pop(L, 1);
    }
    memcpy(w->bytes + count_at, &fields, 4);
}

static void wr_value(lua_State *L, codec_writer *w, int idx, int depth) {
    switch (lua_type(L, idx)) {
    case LUA_TNIL: wr_tag(L, w, CLUA_V_NIL); break;
    case LUA_TBOOLEAN: wr_tag(L, w, lua_toboolean(L, idx) ? CLUA_V_TRUE : CLUA_V_FALSE); break;
    case LUA_TNUMBER:
        if (lua_isinteger(L, idx)) {
            int64_t v = (int64_t)lua_tointeger(L, idx);
            wr_tagged8(L, w, CLUA_V_INTEGER, &v);
        } else {
            double v = (double)lua_tonumber(L, idx);
            wr_tagged8(L, w, CLUA_V_NUMBER, &v);
        }
        break;
    case LUA_TSTRING: { size_t n; const char *s = lua_tolstring(L, idx, &n);
        wr_bytes(L, w, CLUA_V_STRING, s, n); break; }
    case LUA_TTABLE: wr_table(L, w, idx, depth); break;
    default: { const char *t = luaL_typename(L, idx); wr_bytes(L, w, CLUA_V_OPAQUE, t, strlen(t)); }
    }
}

void codec_write_raw(lua_State *L, codec_writer *w, const void *p, size_t n) { wr_raw(L, w, p, n); }

void codec_write_values(lua_State *L, codec_writer *w, int first, int last) {
    for (int i = first; i <= last; i++) wr_value(L, w, i, 0);
}
