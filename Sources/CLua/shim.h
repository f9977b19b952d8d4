#ifndef CLUA_SHIM_H
#define CLUA_SHIM_H
/* Debian's Lua 5.4 headers, plus the function-like macros Swift cannot import. */
#include <lua.h>
#include <lualib.h>
#include <lauxlib.h>

static inline int clua_registryindex(void) { return LUA_REGISTRYINDEX; }
static inline void clua_pop(lua_State *L, int n) { lua_pop(L, n); }
#endif
