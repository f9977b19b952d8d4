#ifndef CLUA_SHIM_H
#define CLUA_SHIM_H
/* Debian's Lua 5.4 headers. Every call into Lua goes through the C shim (CLuaShim), never
   from Swift, so no Lua macro needs a Swift-visible wrapper here. */
#include <lua.h>
#include <lualib.h>
#include <lauxlib.h>
#endif
